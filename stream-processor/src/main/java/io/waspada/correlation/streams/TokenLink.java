package io.waspada.correlation.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One identifier's token under a new pseudonymisation key ({@code token}, {@code keyId}) and under the key it replaced
 * ({@code previousToken}, {@code previousKeyId}): a record of {@code tip.token-links.v1}, keyed by {@code token}.
 */
record TokenLink(String token, String keyId, String previousToken, String previousKeyId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("token", token).put("keyId", keyId)
                .put("previousToken", previousToken).put("previousKeyId", previousKeyId);
        return node.toString();
    }

    /** The link a record of the topic holds, or null when it is not one (a foreign or damaged record). */
    static TokenLink fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            String token = text(node, "token");
            String keyId = text(node, "keyId");
            String previousToken = text(node, "previousToken");
            String previousKeyId = text(node, "previousKeyId");
            if (token == null || keyId == null || previousToken == null || previousKeyId == null
                    || token.equals(previousToken)) {
                return null;
            }
            return new TokenLink(token, keyId, previousToken, previousKeyId);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
