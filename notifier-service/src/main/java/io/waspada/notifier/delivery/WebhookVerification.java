package io.waspada.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a task force's receiver checks a Waspada webhook (the Standard Webhooks scheme): the reference the README
 * describes, and what the tests verify every received call with. A call is valid when its {@code webhook-signature}
 * holds a {@code v1} HMAC-SHA-256 of {@code id.timestamp.body} under the shared secret (compared in constant time),
 * its {@code webhook-timestamp} is within {@code tolerance} of the receiver's clock, and its {@code webhook-id} was not
 * processed before (retries and replays of one message share the id: a receiver that has already acted on it answers
 * 2xx and ignores it). The receiver calls {@link #processed} once it has acted on a message, not before: a call it
 * failed to handle must stay acceptable when Waspada retries it. Keeps ids for twice the tolerance.
 */
public final class WebhookVerification {

    /** The outcome of one check. */
    public enum Verdict { VALID, MISSING_HEADERS, BAD_SIGNATURE, STALE, REPLAYED }

    private final String secret;
    private final Duration tolerance;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    public WebhookVerification(String secret, Duration tolerance) {
        this.secret = secret;
        this.tolerance = tolerance;
    }

    /** {@code header} looks a header up by its (case-insensitive) name; null when absent. */
    public synchronized Verdict verify(java.util.function.Function<String, String> header, byte[] body, Instant now) {
        String id = header.apply(Signature.ID);
        String timestamp = header.apply(Signature.TIMESTAMP);
        String signatures = header.apply(Signature.SIGNATURE);
        if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\d{1,12}")) {
            return Verdict.MISSING_HEADERS;
        }
        byte[] expected = Signature.standard(secret, id, Long.parseLong(timestamp), body)
                .getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (String candidate : signatures.split(" ")) {
            signed |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!signed) {
            return Verdict.BAD_SIGNATURE;
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
            return Verdict.STALE;
        }
        seen.values().removeIf(at -> Duration.between(at, now).compareTo(tolerance.multipliedBy(2)) > 0);
        return seen.containsKey(id) ? Verdict.REPLAYED : Verdict.VALID;
    }

    /** Records that the message {@code id} was acted on: from now on, a call with it is a replay. */
    public synchronized void processed(String id, Instant now) {
        seen.put(id, now);
    }
}
