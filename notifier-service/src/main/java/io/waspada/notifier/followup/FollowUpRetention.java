package io.waspada.notifier.followup;

import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.config.Durations;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets follow-up requests once they are done with: an answer holds personal data, and {@code tip.follow-ups.v1} is
 * compacted (a key's last value stays for ever), so a closed request is tombstoned {@code waspada.follow-up.retention}
 * (default P90D, as long as {@code tip.follow-up-answers.v1} keeps the replies) after it closed. A request still OPEN
 * on an alert gone from the notifier's view (no version of it left to show) can never be answered usefully: its
 * retention runs from its deadline. An OPEN request on an alert still held stays (the agency may still answer). Each
 * is expired by the instance that owns its alert, audited (step EXPIRED) before the tombstone; every instance and the
 * alert-producer drop it as they read the tombstone.
 */
@ApplicationScoped
public class FollowUpRetention {

    private static final Logger LOG = Logger.getLogger(FollowUpRetention.class);

    @ConfigProperty(name = "waspada.follow-up.retention", defaultValue = "P90D")
    Duration retention;
    @Inject
    FollowUpLog log;
    @Inject
    FollowUpAudit audit;
    @Inject
    AlertView view;
    @Inject
    Clock clock;

    /** Expires every request due by now whose alert this instance {@code owns}; how many. */
    public int expireDue(Predicate<String> owns) {
        return expireDue(owns, clock.instant());
    }

    /** Expires every request due at {@code now} whose alert this instance {@code owns}; how many. */
    public int expireDue(Predicate<String> owns, Instant now) {
        int expired = 0;
        for (FollowUpRequest request : log.all()) {
            Optional<Instant> since = retainedSince(request);
            if (since.isEmpty() || now.isBefore(since.get().plus(retention)) || !owns.test(request.alertId())) {
                continue;
            }
            try {
                audit.record(request, "EXPIRED", FollowUpAudit.ACTOR, null, "forgotten " + Durations.format(retention)
                        + " after " + (request.open() ? "its deadline, its alert gone" : "it was " + request.status()),
                        Map.of("since", since.get().toString()));
                log.forget(request.requestId());
                expired++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Follow-up %s not expired; tried again at the next tick", request.requestId());
            }
        }
        return expired;
    }

    /** When the request's retention started: its closing, or its deadline if it is open on an alert gone; else none. */
    private Optional<Instant> retainedSince(FollowUpRequest request) {
        if (!request.open()) {
            return Optional.ofNullable(request.closedAt()).or(() -> Optional.ofNullable(request.deadline()));
        }
        return view.get(request.alertId()).isPresent() ? Optional.empty() : Optional.ofNullable(request.deadline());
    }
}
