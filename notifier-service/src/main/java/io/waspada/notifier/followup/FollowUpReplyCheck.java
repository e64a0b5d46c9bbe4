package io.waspada.notifier.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpAnswer;
import java.nio.charset.StandardCharsets;

/**
 * What a record of {@code tip.follow-up-answers.v1} is: a usable reply (its JSON, with answerId, requestId, agency and
 * kind, keyed by its requestId), or a poison record and why: NOT_JSON (not a reply's JSON at all), INCOMPLETE (a field
 * missing, or no value), KEY_MISMATCH (keyed by another request than it names: it would be applied by the wrong
 * request's owner).
 */
public record FollowUpReplyCheck(FollowUpAnswer reply, String reason, String detail) {

    public static FollowUpReplyCheck of(ObjectMapper json, byte[] key, byte[] value) {
        FollowUpReplyCheck checked = of(json, value);
        if (checked.usable() && (key == null || !checked.reply.requestId().equals(new String(key,
                StandardCharsets.UTF_8)))) {
            return poison("KEY_MISMATCH", "the record's key is not the reply's requestId");
        }
        return checked;
    }

    /** The value alone: its JSON and fields (the key is checked by {@link #of(ObjectMapper, byte[], byte[])}). */
    public static FollowUpReplyCheck of(ObjectMapper json, byte[] value) {
        if (value == null) {
            return poison("INCOMPLETE", "no value");
        }
        FollowUpAnswer reply;
        try {
            reply = json.readValue(value, FollowUpAnswer.class);
        } catch (java.io.IOException | RuntimeException e) {
            return poison("NOT_JSON", e.getClass().getSimpleName());
        }
        if (reply == null || reply.answerId() == null || reply.requestId() == null || reply.agency() == null
                || reply.kind() == null) {
            return poison("INCOMPLETE", "answerId, requestId, agency and kind are required");
        }
        return new FollowUpReplyCheck(reply, null, null);
    }

    private static FollowUpReplyCheck poison(String reason, String detail) {
        return new FollowUpReplyCheck(null, reason, detail);
    }

    public boolean usable() {
        return reply != null;
    }
}
