package io.waspada.ingest.followup;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replies this service has written and the notifier has not closed yet: one claim per request, so a second reply
 * is refused at once. A claim lapses after {@code timeout} ({@code waspada.follow-up.claim-timeout}): if the request
 * is still OPEN on its topic by then, the notifier did not apply the reply (it dropped it as unknown, say), and the
 * agency may answer again instead of being locked out for good. The notifier applies each reply once and ignores (and
 * audits) a second one for a closed request, so a lapsed claim never closes a request twice.
 */
public final class ReplyClaims {

    private final Map<String, Instant> claimed = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final InstantSource clock;

    public ReplyClaims(Duration timeout, InstantSource clock) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("waspada.follow-up.claim-timeout must be positive");
        }
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether a reply to the request is claimed and the claim has not lapsed. */
    public boolean held(String requestId) {
        Instant at = claimed.get(requestId);
        return at != null && clock.instant().isBefore(at.plus(timeout));
    }

    /** Claims the request for one reply; false while another claim holds. */
    public boolean claim(String requestId) {
        Instant now = clock.instant();
        boolean[] won = {false};
        claimed.compute(requestId, (id, at) -> {
            if (at != null && now.isBefore(at.plus(timeout))) {
                return at;
            }
            won[0] = true;
            return now;
        });
        return won[0];
    }

    /** Gives the claim back (the reply was not written, or the request was closed or removed). */
    public void release(String requestId) {
        claimed.remove(requestId);
    }
}
