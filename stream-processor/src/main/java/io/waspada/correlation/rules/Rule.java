package io.waspada.correlation.rules;

import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import java.util.List;

/**
 * A correlation rule over the evidence of one correlation key, and everything else that is particular to it: the kind
 * of key it correlates on, which events count as its evidence, when a set of them makes it fire, its setting (window
 * and threshold), its plain-words description and alert title, and its severity before the common factors. Rules in
 * force are data ({@code rules/*.yaml}, {@link io.waspada.correlation.rules.data.DataRule}); the Java classes of the
 * five built-ins are their reference ({@link RuleEngine#javaRules}). Pure and stateless.
 */
public interface Rule {

    /** The rule's id: {@code [A-Z][A-Z0-9_]{2,63}}, the alert's {@code type} and {@code rule} label. */
    String id();

    /** Its window and threshold. */
    RuleSetting setting();

    /** The event-time span its evidence must fall in, in milliseconds. */
    default long windowMs() {
        return setting().window().toMillis();
    }

    /** What it correlates on: {@code token} (an identifier) unless a rule says otherwise ({@code site}). */
    default String keyedBy() {
        return "token";
    }

    /** Whether the rule correlates on this kind of key. */
    default boolean appliesTo(CorrelationKey key) {
        return key.isToken() == "token".equals(keyedBy());
    }

    /** When it fires, in plain words (the rules API). */
    String fires();

    /**
     * Whether the event is evidence for this rule under this key; {@code marks}: active watchlist entries.
     * By default every event of the key is.
     */
    default boolean relevant(CorrelationKey key, Observation event, List<WatchMark> marks) {
        return true;
    }

    /**
     * Whether the relevant events (all within one window) make the rule fire. Must be monotone: if it holds for some
     * events, it holds for any set that contains them (counts and distinct sets only grow). The engine relies on it
     * to skip the search for a window when even all the nearby evidence together does not make the rule fire.
     */
    boolean holds(CorrelationKey key, List<Observation> evidence);

    /**
     * A watchlist rule fires on events of a listed identifier and carries the watchlist entries behind it; other rules
     * carry none.
     */
    default boolean matchesWatchlist() {
        return false;
    }

    /** Its severity before the common factors (a minor, three or more countries, twice the threshold). */
    Severity baseSeverity(List<WatchMark> marks);

    /** Whether a minor among the evidence raises its severity one step (every Java rule: yes). */
    default boolean raisedByMinor() {
        return true;
    }

    /** Whether three or more countries among the evidence raise its severity one step (every Java rule: yes). */
    default boolean raisedByThreeCountries() {
        return true;
    }

    /** Extra alert labels the rule sets (never the platform's own). */
    default java.util.Map<String, String> labels() {
        return java.util.Map.of();
    }

    /** Whether the evidence reaches twice the rule's threshold in what it counts (a larger network or group). */
    default boolean twiceTheThreshold(List<Observation> evidence) {
        return false;
    }

    /** The alert's title, from the words about its evidence. */
    String title(Headline headline);
}
