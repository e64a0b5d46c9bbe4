package io.waspada.ingest.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads one JSON value from its tokens into {@link JsonFields}, {@link JsonItems} and plain values, for the readers
 * to validate: no tree of nodes and no hash map per object (the tree cost as much as everything else a batch does
 * before Kafka). Bytes are one well-formed JSON value or {@link Malformed}: duplicate keys and anything after the
 * value are refused, with the messages {@code ObjectMapper.readTree} gave (pinned by ReadingGoldenTest).
 */
public final class JsonDocument {

    /**
     * Reads well-formed bodies; this class finds duplicate keys itself, by identity among a few interned names.
     * Decimals go through Jackson's fast parser, correctly rounded as {@code Double.parseDouble} (the same doubles)
     * without its string and buffers.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    /** Reads a body the fast reading refused again, for Jackson's own message about its first fault. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonDocument() {
    }

    /** Bytes that are not one well-formed JSON value: where and why, never the content. */
    public static final class Malformed extends RuntimeException {

        Malformed(String detail) {
            super(detail, null, false, false);
        }

        /** What the client is told: "malformed JSON at line L, column C: reason", or that the body is empty. */
        public String detail() {
            return getMessage();
        }
    }

    /** The value in {@code json}: a {@link JsonFields}, {@link JsonItems}, String, number, Boolean or {@link JsonFields#NULL}. */
    public static Object parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw empty();
        }
        try {
            return parse(FACTORY, json);
        } catch (JsonProcessingException | DuplicateName fault) {
            // Rare, so it may cost a second reading: the strict one reports the first fault exactly as readTree did.
            try {
                parse(STRICT, json);
            } catch (JsonProcessingException e) {
                throw malformed(e);
            } catch (IOException e) {
                throw new Malformed("the body could not be read");
            }
            throw fault instanceof JsonProcessingException e ? malformed(e) : new Malformed("malformed JSON: duplicate field");
        } catch (IOException e) {
            throw new Malformed("the body could not be read");
        }
    }

    /** A key seen twice in one object while reading without Jackson's detector. */
    private static final class DuplicateName extends RuntimeException {
        DuplicateName() {
            super(null, null, false, false);
        }
    }

    private static Object parse(JsonFactory factory, byte[] json) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw empty();
            }
            Object value = value(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw malformed(parser.currentTokenLocation(), "Trailing token (of type " + trailing
                        + ") found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                        + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
            }
            return value;
        }
    }

    private static Malformed malformed(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage().split("\n")[0];
        return malformed(e.getLocation(), reason);
    }

    /** The same, for a tree (the Kafka inbox's records): its values keep the tree's number types. */
    public static Object of(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            return null;
        }
        try (JsonParser parser = tree.traverse()) {
            return value(parser, parser.nextToken());
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree could not be read", e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> parser.getIntValue();
                case LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> JsonFields.NULL;
            default -> JsonFields.OTHER;
        };
    }

    private static JsonFields object(JsonParser parser) throws IOException {
        JsonFields fields = new JsonFields();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            if (fields.get(name) != null) {
                throw new DuplicateName();
            }
            fields.add(name, value(parser, parser.nextToken()));
        }
        return fields;
    }

    private static JsonItems array(JsonParser parser) throws IOException {
        JsonItems items = new JsonItems();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(value(parser, token));
        }
        return items;
    }

    private static Malformed empty() {
        return new Malformed("the body is empty; a JSON object is required");
    }

    private static Malformed malformed(JsonLocation at, String reason) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        // Jackson quotes the offending token; keep the client's data out of our answer (it may be a raw identifier).
        return new Malformed("malformed JSON" + where + ": " + reason.replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\""));
    }
}
