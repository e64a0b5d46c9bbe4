package io.waspada.notifier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} of a webhook page: the group's notification id and a digest of what the page says (its
 * alerts at their versions and statuses, FIRING or RESOLVED), leaving out when it was sent ({@code sentAt}) and, for a
 * first page or an update, its {@code sequence}. A page sent again after a crash or by another instance taking over
 * (at least once) carries the key it had the first time, so a receiver that acts once per key acts once; an update
 * (a new version, a resolution) has a new key. A reminder ({@code repeat}) is keyed with its sequence too, so each
 * reminder is one (the group's count starts again after a restart: a reminder re-sent across a crash may get a new
 * key, a nudge twice). The {@code webhook-id} stays per message body.
 */
public final class PageIdempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageIdempotency() {
    }

    public static String key(String notificationId, byte[] body) {
        byte[] content;
        try {
            JsonNode page = JSON.readTree(body);
            if (page instanceof ObjectNode fields) {
                fields.remove("sentAt");
                if (!fields.path("repeat").asBoolean(false)) {
                    fields.remove("sequence"); // a first page or an update: the same page whatever its count
                }
            }
            content = JSON.writeValueAsBytes(page);
        } catch (IOException e) {
            content = body; // not our JSON (never sent so): the body itself
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return notificationId + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
