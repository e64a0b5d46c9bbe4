package io.waspada.ingest.tips;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per organisation: {@code burst} tips at once, refilled at {@code perMinute} a minute. Every request
 * to {@code /api/v1/tips} takes a token, refused ones too (a client cannot probe the contract for free). Thread-safe.
 */
public final class TipRateLimit {

    private final int burst;
    private final double perMilli;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TipRateLimit(int perMinute, int burst, Clock clock) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("waspada.tips.rate.per-minute and .burst must be at least 1");
        }
        this.burst = burst;
        this.perMilli = perMinute / 60_000.0;
        this.clock = clock;
    }

    /** Takes a token for {@code organisation}: 0 when it may go ahead, else the whole seconds until the next token. */
    public long take(String organisation) {
        Bucket bucket = buckets.computeIfAbsent(organisation, o -> new Bucket(burst, clock.millis()));
        synchronized (bucket) {
            long now = clock.millis();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMilli);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perMilli / 1000.0));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
