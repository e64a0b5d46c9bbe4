package io.waspada.correlation.rules;

import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.sites.SiteRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates every rule for one new event of a correlation key against the key's earlier evidence and open
 * episodes. An event inside an open episode's window adds a version; otherwise the earliest window holding the
 * event in which the rule's condition holds opens a new episode at once. Pure: same inputs, same episodes.
 */
public final class RuleEngine {

    private static final Comparator<Observation> EVENT_ORDER =
            Comparator.comparingLong(Observation::observedAt).thenComparing(Observation::eventId);

    private final List<Rule> rules;
    private final long graceMs;
    private final int maxEvidence;
    private final SeverityPolicy severity;

    public RuleEngine(List<Rule> rules, RuleSettings settings) {
        this.rules = List.copyOf(rules);
        this.graceMs = settings.grace().toMillis();
        this.maxEvidence = settings.maxAlertEvidence();
        this.severity = new SeverityPolicy(settings);
    }

    public static RuleEngine of(RuleSettings settings, SiteRegistry sites) {
        return new RuleEngine(List.of(
                new WatchlistHitRule(settings.of(RuleName.WATCHLIST_HIT)),
                new CrossBorderMovementRule(settings.of(RuleName.CROSS_BORDER_MOVEMENT), sites),
                new SightingInterceptionLinkRule(settings.of(RuleName.SIGHTING_INTERCEPTION_LINK)),
                new FacilitatorNetworkRule(settings.of(RuleName.FACILITATOR_NETWORK)),
                new GroupCrossingRule(settings.of(RuleName.GROUP_CROSSING))), settings);
    }

    /** How far (either side, in event time) a key's evidence can matter: its widest rule window. */
    public long horizonMs(CorrelationKey key) {
        long horizon = 0;
        for (Rule rule : rules) {
            if (rule.appliesTo(key)) {
                horizon = Math.max(horizon, rule.windowMs());
            }
        }
        return horizon;
    }

    /**
     * How far behind stream time an event may be and still join some rule's window: the widest window of all rules
     * plus the grace. Older, it is late for every rule and goes to the DLQ.
     */
    public long lateAfterMs() {
        long widest = 0;
        for (Rule rule : rules) {
            widest = Math.max(widest, rule.windowMs());
        }
        return widest + graceMs;
    }

    /** Whether the event is too late for this rule: older than stream time minus the rule's window and the grace. */
    private boolean lateFor(Rule rule, Observation event, long streamTimeMs) {
        return event.observedAt() < streamTimeMs - rule.windowMs() - graceMs;
    }

    /** How long evidence of this kind of key must be kept: widest window plus grace. */
    public long retentionMs(CorrelationKey key) {
        return horizonMs(key) + graceMs;
    }

    /**
     * @param event   a new event of the key (not seen before under this key)
     * @param history the key's other evidence within {@link #horizonMs} of the event
     * @param open    the key's open episodes
     * @param marks   the watchlist entries active for the key at the event's time
     */
    public Evaluation evaluate(CorrelationKey key, Observation event, List<Observation> history,
            List<Episode> open, List<WatchMark> marks, long streamTimeMs, long nowMs) {
        return evaluate(key, event, history, open, marks, streamTimeMs, streamTimeMs, nowMs);
    }

    /**
     * As {@link #evaluate(CorrelationKey, Observation, List, List, List, long, long)}, with lateness judged against
     * {@code arrivalStreamTimeMs}: the stream time of the input partition the event came in on, when it came. That
     * time follows one agency partition's own order, so it does not jump ahead when another partition is further on
     * (a backlog drained unevenly) and it is the same on every replay. Open episodes expire by the key's own stream
     * time ({@code streamTimeMs}).
     */
    public Evaluation evaluate(CorrelationKey key, Observation event, List<Observation> history,
            List<Episode> open, List<WatchMark> marks, long streamTimeMs, long arrivalStreamTimeMs, long nowMs) {
        List<Episode> kept = new ArrayList<>(open.size() + 1);
        for (Episode episode : open) {
            if (episode.windowStart() + windowOf(episode) + graceMs >= streamTimeMs) {
                kept.add(episode);
            }
        }
        boolean openChanged = kept.size() != open.size();
        List<Episode> changed = new ArrayList<>(2);
        List<RuleName> late = List.of();
        for (Rule rule : rules) {
            if (!rule.appliesTo(key) || !rule.relevant(key, event, marks)) {
                continue;
            }
            if (lateFor(rule, event, arrivalStreamTimeMs)) {
                late = late.isEmpty() ? new ArrayList<>(2) : late;
                late.add(rule.name());
                continue;
            }
            List<WatchMark> ruleMarks = rule.matchesWatchlist() ? marks : List.of();
            int joinable = findJoinable(kept, rule, event);
            Episode next = joinable >= 0
                    ? join(kept.get(joinable), event, ruleMarks)
                    : open(rule, key, event, history, ruleMarks, arrivalStreamTimeMs, nowMs);
            if (next == null) {
                continue;
            }
            if (joinable >= 0) {
                kept.set(joinable, next);
            } else {
                kept.add(next);
            }
            changed.add(next);
            openChanged = true;
        }
        return new Evaluation(kept, changed, openChanged, late);
    }

    private long windowOf(Episode episode) {
        for (Rule rule : rules) {
            if (rule.name() == episode.rule()) {
                return rule.windowMs();
            }
        }
        return 0;
    }

    private static int findJoinable(List<Episode> episodes, Rule rule, Observation event) {
        for (int i = 0; i < episodes.size(); i++) {
            Episode episode = episodes.get(i);
            if (episode.rule() == rule.name()
                    && Math.abs(event.observedAt() - episode.windowStart()) <= rule.windowMs()) {
                return i;
            }
        }
        return -1;
    }

    private Episode join(Episode episode, Observation event, List<WatchMark> marks) {
        if (episode.contains(event.eventId())) {
            return null;
        }
        List<Observation> evidence = new ArrayList<>(episode.evidence());
        evidence.add(event);
        evidence.sort(EVENT_ORDER);
        while (evidence.size() > maxEvidence) {
            evidence.remove(0);
        }
        List<WatchMark> allMarks = new ArrayList<>(episode.watchMarks());
        for (WatchMark mark : marks) {
            if (allMarks.stream().noneMatch(m -> m.entryId().equals(mark.entryId()))) {
                allMarks.add(mark);
            }
        }
        Episode draft = new Episode(episode.rule(), episode.windowStart(), episode.version() + 1, episode.createdAt(),
                episode.eventCount() + 1, episode.severity(), List.copyOf(evidence), List.copyOf(allMarks));
        return withSeverity(draft);
    }

    /**
     * The earliest window still open (its end plus the grace not yet passed by stream time) holding the event in
     * which the rule holds, as a new episode; null if none. A window already closed opens nothing, whichever order
     * its events came in: what is too late for a rule stays too late.
     */
    private Episode open(Rule rule, CorrelationKey key, Observation event, List<Observation> history,
            List<WatchMark> marks, long streamTimeMs, long nowMs) {
        long window = rule.windowMs();
        List<Observation> candidates = new ArrayList<>();
        candidates.add(event);
        if (!rule.matchesWatchlist()) {
            for (Observation earlier : history) {
                if (Math.abs(earlier.observedAt() - event.observedAt()) <= window
                        && rule.relevant(key, earlier, marks)) {
                    candidates.add(earlier);
                }
            }
        }
        // Monotone rules: if all the evidence within one window's reach either side does not make the rule fire, no
        // single window can. This keeps a key named by many events that fire nothing at linear cost per event.
        if (!rule.holds(key, candidates)) {
            return null;
        }
        candidates.sort(EVENT_ORDER);
        for (Observation start : candidates) {
            long from = start.observedAt();
            if (from > event.observedAt()) {
                break;
            }
            if (event.observedAt() - from > window || from + window + graceMs < streamTimeMs) {
                continue;
            }
            List<Observation> inWindow = new ArrayList<>();
            for (Observation candidate : candidates) {
                if (candidate.observedAt() >= from && candidate.observedAt() <= from + window) {
                    inWindow.add(candidate);
                }
            }
            if (rule.holds(key, inWindow)) {
                int count = inWindow.size();
                List<Observation> evidence = inWindow.size() > maxEvidence
                        ? inWindow.subList(inWindow.size() - maxEvidence, inWindow.size()) : inWindow;
                return withSeverity(new Episode(rule.name(), from, 1, nowMs, count, null,
                        List.copyOf(evidence), List.copyOf(marks)));
            }
        }
        return null;
    }

    private Episode withSeverity(Episode draft) {
        return new Episode(draft.rule(), draft.windowStart(), draft.version(), draft.createdAt(), draft.eventCount(),
                severity.assess(draft), draft.evidence(), draft.watchMarks());
    }
}
