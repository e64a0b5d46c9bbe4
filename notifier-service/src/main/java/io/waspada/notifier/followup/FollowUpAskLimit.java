package io.waspada.notifier.followup;

import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.audit.OperatorAudit;
import io.waspada.notifier.auth.Officer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How many follow-up requests one officer may ask: {@code waspada.follow-up.ask.per-hour} (default 20) in any hour,
 * across alerts (each alert's own cap stays). Counted from the requests themselves ({@link FollowUpLog}, read from
 * {@code tip.follow-ups.v1} by every instance), so the limit holds across notifier instances (up to that reader's
 * lag), not per instance. A refusal writes nothing and is put on the access audit ({@code follow-up.ask-limit}) once
 * per refusal window: the first refusal, then again only after the officer could have asked again.
 */
@ApplicationScoped
public class FollowUpAskLimit {

    private static final Logger LOG = Logger.getLogger(FollowUpAskLimit.class);
    static final Duration HOUR = Duration.ofHours(1);

    @ConfigProperty(name = "waspada.follow-up.ask.per-hour", defaultValue = "20")
    int perHour;
    @Inject
    FollowUpLog log;
    @Inject
    OperatorAudit audit;
    @Inject
    Clock clock;

    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> auditedUntil = new ConcurrentHashMap<>();

    /** The officer is over the limit: nothing was asked; they may ask again after {@link #retryAfter()}. */
    public static final class OverLimit extends RuntimeException {
        private final transient Duration retryAfter;
        private final int perHour;

        OverLimit(Duration retryAfter, int perHour) {
            super("over the follow-up ask limit", null, false, false);
            this.retryAfter = retryAfter;
            this.perHour = perHour;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        public int perHour() {
            return perHour;
        }
    }

    /**
     * Runs {@code ask} for the officer unless they asked {@code perHour} requests in the last hour (checked and asked
     * under one lock per officer, so two asks at once cannot both take the last place).
     */
    public <T> T within(Officer officer, String alertId, Supplier<T> ask) {
        synchronized (locks.computeIfAbsent(officer.username(), name -> new Object())) {
            Instant now = clock.instant();
            List<Instant> inHour = log.all().stream().filter(r -> officer.username().equals(r.askedBy()))
                    .map(FollowUpRequest::askedAt).filter(at -> at != null && at.isAfter(now.minus(HOUR))).sorted()
                    .toList();
            if (inHour.size() < perHour) {
                return ask.get();
            }
            Instant free = inHour.get(inHour.size() - perHour).plus(HOUR);
            Duration wait = Duration.between(now, free);
            refused(officer, alertId, now, free);
            throw new OverLimit(wait, perHour);
        }
    }

    private void refused(Officer officer, String alertId, Instant now, Instant free) {
        Instant until = auditedUntil.get(officer.username());
        if (until != null && now.isBefore(until)) {
            return;
        }
        try {
            audit.record(officer.username(), officer.taskForce(), "follow-up.ask-limit", alertId, "per-hour",
                    "refused: " + perHour + " follow-up requests asked in the last hour; may ask again at " + free);
            auditedUntil.put(officer.username(), free);
        } catch (RuntimeException e) {
            // The refusal stands (nothing is written either way); the next refusal tries the audit again.
            LOG.warnf(e, "Follow-up ask limit refusal of %s not audited", officer.username());
        }
    }
}
