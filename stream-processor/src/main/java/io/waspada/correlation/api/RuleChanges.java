package io.waspada.correlation.api;

import io.smallrye.common.annotation.Identifier;
import io.waspada.correlation.audit.AccessAudit;
import io.waspada.correlation.audit.RuleChangeRecord;
import io.waspada.correlation.rulebook.CompiledRule;
import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rulebook.RuleDocumentException;
import io.waspada.correlation.rulebook.RuleMode;
import io.waspada.correlation.rulebook.RuleVersion;
import io.waspada.correlation.rulebook.RuleVersionWriter;
import io.waspada.correlation.rulebook.SourceDiff;
import io.waspada.correlation.rules.Rule;
import io.waspada.kafka.DurableSend;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes rule changes: checks the request (the document compiles, the mode and activeFrom make sense), writes the
 * change to the access audit (who, when, rule, from and to version, the diff of the source), then publishes the new
 * version on {@code tip.rules.v1} and waits (briefly) until this instance has read it back. Nothing is written for a
 * refused request, and no version without its audit record. One change at a time per instance.
 */
@ApplicationScoped
public class RuleChanges {

    /** The largest rule document accepted, in characters. */
    static final int MAX_SOURCE = 64 * 1024;
    static final int MAX_REASON = 500;
    private static final Pattern RELATIVE = Pattern.compile("\\+?([0-9]{1,6})([smhd])");
    private static final Duration READ_BACK = Duration.ofSeconds(10);

    private final RuleBook book;
    private final AccessAudit audit;
    private final RuleVersionWriter writer;
    private final Duration switchLead;

    @Inject
    public RuleChanges(RuleBook book, AccessAudit audit, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            io.waspada.correlation.config.RulesConfig rules) {
        this.book = book;
        this.audit = audit;
        this.switchLead = rules.switchLead();
        this.writer = new RuleVersionWriter(KafkaConnection.from(kafka), Topics.RULES.name(),
                "stream-processor-rules-admin");
    }

    /** What was published, and whether this instance has read it back yet. */
    record Applied(RuleVersion version, boolean read) {
    }

    /** A new version of the rule the document describes. */
    synchronized Applied apply(String source, String activeFrom, String mode, String reason, String actor) {
        if (source == null || source.isBlank()) {
            throw RuleChangeRefused.badRequest("the body is the rule document (YAML), and it is empty", "body");
        }
        if (source.length() > MAX_SOURCE) {
            throw new RuleChangeRefused(413, "Payload Too Large", "a rule document has at most " + MAX_SOURCE
                    + " characters", "body", null, null);
        }
        CompiledRule compiled;
        try {
            compiled = book.compiler().compile(source);
        } catch (RuleDocumentException e) {
            throw new RuleChangeRefused(400, "Bad Request", "the rule document has problems: " + e.getMessage(),
                    "body", e.line() > 0 ? e.line() : null, e.problems());
        }
        if (book.latest(compiled.id()) != null
                && (book.absenceAt(compiled.id(), Long.MAX_VALUE) != null) != compiled.isAbsence()) {
            throw new RuleChangeRefused(400, "Bad Request", "rule: " + compiled.id() + " is "
                    + (compiled.isAbsence() ? "a condition rule" : "an absence rule") + "; a rule keeps its kind "
                    + "(a rule id is one alert type): give the new rule a new id", "body", null, null);
        }
        io.waspada.correlation.absence.AbsenceRule absent = book.absenceAt(compiled.id(), Long.MAX_VALUE);
        if (absent != null && absent.withinMs() != compiled.absence().withinMs()) {
            // Its waiting As are due by the within they were admitted under, and a B cancels them within it.
            throw new RuleChangeRefused(400, "Bad Request", "within: " + compiled.id() + " waits "
                    + java.time.Duration.ofMillis(absent.withinMs()) + "; an absence rule keeps its within at runtime: "
                    + "give the new within to a new rule id", "body", null, null);
        }
        Rule current = book.ruleAt(compiled.id(), Long.MAX_VALUE);
        if (current != null && !compiled.isAbsence() && current.windowMs() != compiled.rule().windowMs()) {
            // Its open episodes sit on the grid of their window: another window would start new episodes (new
            // alertIds) for the same evidence.
            throw new RuleChangeRefused(400, "Bad Request", "window: " + compiled.id() + " has the window "
                    + current.setting().window() + "; a rule keeps its window at runtime (open alerts would be raised "
                    + "again under new alertIds): give the new window to a new rule id", "body", null, null);
        }
        RuleMode runMode = mode == null ? (compiled.mode() == null ? RuleMode.ACTIVE : compiled.mode())
                : modeOf(mode);
        return publish("RULE_APPLY", compiled.id(), source, runMode, activeFrom, reason, actor);
    }

    /** A new version of the rule with the source and mode of version {@code to}. */
    synchronized Applied rollback(String rule, String to, String activeFrom, String reason, String actor) {
        RuleVersion target = versionOf(rule, to, "to");
        return publish("RULE_ROLLBACK", rule, target.source(), target.runMode(), activeFrom,
                reason == null ? "rollback to version " + target.version() : reason, actor);
    }

    /** A new version of the rule with its current source, running in another mode. */
    synchronized Applied mode(String rule, String mode, String activeFrom, String reason, String actor) {
        RuleMode runMode = modeOf(mode);
        RuleVersion latest = known(rule);
        return publish("RULE_MODE", rule, latest.source(), runMode, activeFrom, reason, actor);
    }

    private Applied publish(String action, String rule, String source, RuleMode mode, String activeFrom,
            String reason, String actor) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw RuleChangeRefused.badRequest("a reason has at most " + MAX_REASON + " characters", "reason");
        }
        CompiledRule compiled;
        try {
            compiled = book.compiler().compile(source);
        } catch (RuleDocumentException e) {
            throw new RuleChangeRefused(422, "Unprocessable Content", "that source does not compile in this build, "
                    + "so no instance could run it: " + e.getMessage(), "id", null, e.problems());
        }
        if (compiled.isAbsence() && mode == RuleMode.SHADOW) {
            throw RuleChangeRefused.badRequest("an absence rule is active or disabled: it has no shadow mode", "mode");
        }
        long now = System.currentTimeMillis();
        long from = activeFrom(activeFrom, now);
        RuleVersion latest = book.latest(rule);
        int previous = latest == null ? 0 : latest.version();
        RuleVersion version = new RuleVersion(rule, previous + 1, mode.wire(), from, source, actor, now,
                reason == null || reason.isBlank() ? null : reason.strip(), previous);
        String diff = SourceDiff.unified(rule + "@" + previous, latest == null ? "" : latest.source(),
                version.historyKey(), source);
        RuleChangeRecord change = new RuleChangeRecord(UUID.randomUUID().toString(), Instant.ofEpochMilli(now),
                "stream-processor", actor, action, rule, previous, version.version(), mode.wire(),
                Instant.ofEpochMilli(from), version.reason(), diff, "PUBLISHING");
        audit.record(change); // AuditUnavailable: nothing is published
        try {
            writer.write(version);
        } catch (DurableSend.NotWritten e) {
            try {
                audit.record(new RuleChangeRecord(UUID.randomUUID().toString(), Instant.now(), change.service(),
                        actor, action, rule, previous, version.version(), change.mode(), change.activeFrom(),
                        change.reason(), diff, "NOT_WRITTEN"));
            } catch (AccessAudit.AuditUnavailable ignored) {
                // The first record stands: the change was asked for; its version may be missing from the topic.
            }
            throw new RuleChangeRefused(503, "Rules topic unavailable", "the new version could not be written to "
                    + Topics.RULES.name() + ": " + e.getMessage(), null, null, null);
        }
        boolean read = readBack(rule, version.version());
        if (read && !version.equals(book.versions(rule).stream().filter(v -> v.version() == version.version())
                .findFirst().orElse(version))) {
            // Another instance's change took the same number, and the later record won: say so, do not pretend.
            throw new RuleChangeRefused(409, "Conflict", "another change of " + rule + " was written as version "
                    + version.version() + " at the same time and is the one in force; read the versions and apply "
                    + "again", "id", null, null);
        }
        return new Applied(version, read);
    }

    /** Whether this instance's rule book has the version, waiting at most {@link #READ_BACK}. */
    private boolean readBack(String rule, int version) {
        long end = System.nanoTime() + READ_BACK.toNanos();
        while (!book.has(rule, version)) {
            if (System.nanoTime() > end) {
                return false;
            }
            // Keeps this instance's monitor: no other change of this instance may take a version number meanwhile.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** activeFrom: an ISO-8601 instant, {@code +<n>s|m|h|d} from now, or now plus the switch lead; never the past. */
    long activeFrom(String text, long now) {
        if (text == null || text.isBlank()) {
            return now + switchLead.toMillis();
        }
        Matcher relative = RELATIVE.matcher(text.trim());
        long at;
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            at = now + switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(n).toMillis();
                case "m" -> Duration.ofMinutes(n).toMillis();
                case "h" -> Duration.ofHours(n).toMillis();
                default -> Duration.ofDays(n).toMillis();
            };
        } else {
            try {
                at = Instant.parse(text.trim()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw RuleChangeRefused.badRequest("activeFrom is an ISO-8601 instant (2026-12-08T06:00:00Z) or "
                        + "+<n>s, +<n>m, +<n>h, +<n>d from now (the + may be left out)", "activeFrom");
            }
        }
        if (at < now + switchLead.toMillis()) {
            throw RuleChangeRefused.badRequest("activeFrom must be at least " + switchLead + " (the switch lead) "
                    + "from now: every instance must have read a version before any event it governs is observed, "
                    + "so that all switch at the same point", "activeFrom");
        }
        if (at > now + Duration.ofDays(3660).toMillis()) {
            throw RuleChangeRefused.badRequest("activeFrom is at most ten years from now", "activeFrom");
        }
        return at;
    }

    private static RuleMode modeOf(String text) {
        RuleMode mode = RuleMode.parse(text);
        if (mode == null) {
            throw RuleChangeRefused.badRequest("mode is one of active, shadow, disabled", "mode");
        }
        return mode;
    }

    private RuleVersion known(String rule) {
        RuleVersion latest = book.latest(rule);
        if (latest == null) {
            throw new RuleChangeRefused(404, "Not Found", "no rule " + rule, "id", null, null);
        }
        return latest;
    }

    private RuleVersion versionOf(String rule, String to, String field) {
        known(rule);
        int number;
        try {
            number = Integer.parseInt(to == null ? "" : to.trim());
        } catch (NumberFormatException e) {
            throw RuleChangeRefused.badRequest(field + " is a version number of the rule", field);
        }
        return book.versions(rule).stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RuleChangeRefused.badRequest(rule + " has no version " + number, field));
    }

    @PreDestroy
    void close() {
        writer.close();
    }
}
