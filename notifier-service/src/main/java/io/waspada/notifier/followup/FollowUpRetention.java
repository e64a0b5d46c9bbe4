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
    @Inject
    FollowUps followUps;

    /** Requests one pass forgets at most (the rest at the next pass, a minute later): a bounded pass. */
    public static final int PER_PASS = 100;

    /** Expires the requests due by now whose alert this instance {@code owns}; how many. */
    public int expireDue(Predicate<String> owns) {
        return expireDue(owns, clock.instant());
    }

    /**
     * Expires the requests due at {@code now} whose alert this instance {@code owns}, at most {@link #PER_PASS}; how
     * many. Each under the lock every request write takes, one request at a time (asks, replies and reminders go on
     * between two), its state and ownership checked again under it. The first failure (an audit or a tombstone not
     * written: the broker away) ends the pass; the next one starts over.
     */
    public int expireDue(Predicate<String> owns, Instant now) {
        int expired = 0;
        for (FollowUpRequest candidate : log.all()) {
            if (expired >= PER_PASS) {
                break;
            }
            if (!due(candidate, now) || !owns.test(candidate.alertId())) {
                continue;
            }
            try {
                expired += followUps.exclusively(() -> expireOne(candidate.requestId(), owns, now));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Follow-up %s not expired; the retention pass stops, tried again at the next",
                        candidate.requestId());
                break;
            }
        }
        return expired;
    }

    private int expireOne(String requestId, Predicate<String> owns, Instant now) {
        Optional<FollowUpRequest> current = log.get(requestId);
        if (current.isEmpty() || !due(current.get(), now) || !owns.test(current.get().alertId())) {
            return 0;
        }
        FollowUpRequest request = current.get();
        Instant since = retainedSince(request).orElseThrow();
        // One EXPIRED per request, whatever how often a failed tombstone is tried again.
        audit.step(request, "EXPIRED", "1", FollowUpAudit.ACTOR, null, "forgotten " + Durations.format(retention)
                + " after " + (request.open() ? "its deadline, its alert gone" : "it was " + request.status()),
                Map.of("since", since.toString()));
        log.forget(requestId);
        return 1;
    }

    private boolean due(FollowUpRequest request, Instant now) {
        Optional<Instant> since = retainedSince(request);
        return since.isPresent() && !now.isBefore(since.get().plus(retention));
    }

    /** When the request's retention started: its closing, or its deadline if it is open on an alert gone; else none. */
    private Optional<Instant> retainedSince(FollowUpRequest request) {
        if (!request.open()) {
            return Optional.ofNullable(request.closedAt()).or(() -> Optional.ofNullable(request.deadline()));
        }
        return view.get(request.alertId()).isPresent() ? Optional.empty() : Optional.ofNullable(request.deadline());
    }
}
