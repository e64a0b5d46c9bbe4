package io.waspada.notifier.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a silence may be, checked when it is made and again whenever it could mute (a silence stored before these
 * rules, or written to the topic by hand, mutes nothing unless it passes): at most 20 matchers, all valid; at least one
 * names an identifying label exactly ({@code subject="..."} by default), so no set of silences on severity, type or
 * region can mute everything; it lasts at most {@code maxDuration} and ends at most {@code maxDuration} after it was
 * made (no chain of future silences).
 */
public record SilenceRules(Duration maxDuration, Set<String> identifyingLabels) {

    public static final SilenceRules DEFAULT = new SilenceRules(Duration.ofDays(7), Set.of("subject"));
    public static final int MAX_MATCHERS = 20;

    /** A problem with a silence: the field it concerns and what is wrong. */
    public record Problem(String field, String detail) {
    }

    public SilenceRules {
        identifyingLabels = Set.copyOf(identifyingLabels);
    }

    /** The first problem of a silence made at {@code madeAt}, or null when it may mute. */
    public Problem check(List<String> matchers, Instant startsAt, Instant endsAt, Instant madeAt) {
        if (matchers == null || matchers.isEmpty()) {
            return new Problem("matchers", "at least one matcher is required, e.g. subject=\"tok\"");
        }
        if (matchers.size() > MAX_MATCHERS) {
            return new Problem("matchers", "at most " + MAX_MATCHERS + " matchers");
        }
        boolean identified = false;
        for (String text : matchers) {
            try {
                Matcher matcher = Matcher.parse(text);
                identified |= matcher.type() == MatchType.EQUAL && !matcher.value().isEmpty()
                        && identifyingLabels.contains(matcher.name());
            } catch (IllegalArgumentException e) {
                return new Problem("matchers", e.getMessage());
            }
        }
        if (!identified) {
            return new Problem("matchers", "a silence must name " + String.join(" or ", identifyingLabels.stream()
                    .sorted().toList()) + " exactly (e.g. subject=\"tok\"), so no silence mutes everything");
        }
        if (endsAt == null || startsAt == null || !endsAt.isAfter(startsAt)) {
            return new Problem("endsAt", "endsAt is required and must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(maxDuration) > 0
                || Duration.between(madeAt, endsAt).compareTo(maxDuration) > 0) {
            return new Problem("endsAt", "a silence lasts at most " + human(maxDuration) + " and ends at most "
                    + human(maxDuration) + " after it is made (waspada.silences.max-duration); make a new one when "
                    + "it ends if it is still needed");
        }
        return null;
    }

    public Problem check(Silence silence) {
        return check(silence.matchers(), silence.startsAt(), silence.endsAt(),
                silence.updatedAt() == null ? silence.startsAt() : silence.updatedAt());
    }

    private static String human(Duration duration) {
        return duration.toHoursPart() == 0 && duration.toMinutesPart() == 0 && duration.toDays() > 0
                ? duration.toDays() + " days" : duration.toString();
    }
}
