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

    /** Receives a batch body's items one by one, each as soon as it is read. */
    @FunctionalInterface
    public interface Items {
        /** Item {@code index} of the array at {@code arrayPath} ({@code "events"}, or {@code ""} for a bare array). */
        void item(String arrayPath, int index, Object value);
    }

    /**
     * What a batch body held besides the items handed over: whether it had an events array (or was one) and how many
     * items that array had.
     */
    public record ItemsRead(boolean array, int count) {
    }

    /** Stands for the events array handed over item by item, so a second {@code events} is still a duplicate. */
    private static final Object STREAMED = new Object();

    /**
     * Reads a batch body, {@code {"events": [...]}} or a bare array, handing each item of its array to {@code items}
     * as soon as the item is read, while the item's values are still in the processor's cache (reading a thousand
     * items after the whole body found each value evicted), and dropping it after: a body's items are never all
     * held at once. The whole body is still read before this returns, so malformed JSON anywhere is
     * {@link Malformed}, with the same message {@link #parse} gives; a caller must not act on the items before then.
     */
    public static ItemsRead items(byte[] json, Items items) {
        if (json == null || json.length == 0) {
            throw empty();
        }
        try {
            return items(FACTORY, json, items);
        } catch (JsonProcessingException | DuplicateName fault) {
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

    private static ItemsRead items(JsonFactory factory, byte[] json, Items items) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw empty();
            }
            ItemsRead read;
            if (first == JsonToken.START_ARRAY) {
                read = new ItemsRead(true, stream(parser, "", items));
            } else if (first == JsonToken.START_OBJECT) {
                JsonFields root = new JsonFields();
                int count = -1;
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    if (root.get(name) != null) {
                        throw new DuplicateName();
                    }
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.START_ARRAY && "events".equals(name)) {
                        count = stream(parser, "events", items);
                        root.add(name, STREAMED);
                    } else {
                        root.add(name, value(parser, token));
                    }
                }
                read = new ItemsRead(count >= 0, Math.max(count, 0));
            } else {
                value(parser, first);
                read = new ItemsRead(false, 0);
            }
            requireEnd(parser);
            return read;
        }
    }

    /** Hands each item of the array the parser is in to {@code items}; their count. */
    private static int stream(JsonParser parser, String arrayPath, Items items) throws IOException {
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.item(arrayPath, count++, value(parser, token));
        }
        return count;
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
            requireEnd(parser);
            return value;
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw malformed(parser.currentTokenLocation(), "Trailing token (of type " + trailing
                    + ") found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                    + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
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
