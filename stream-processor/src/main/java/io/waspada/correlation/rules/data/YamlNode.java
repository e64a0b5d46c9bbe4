package io.waspada.correlation.rules.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node with the line it starts on: a mapping (fields in file order), a sequence or a scalar (its text;
 * {@code null} for a YAML null). What the rule file parser walks, so every problem can name its line.
 */
record YamlNode(Map<String, YamlNode> fields, List<YamlNode> items, String text, boolean quoted, int line) {

    private static final YAMLFactory YAML = new YAMLFactory();

    boolean isMapping() {
        return fields != null;
    }

    boolean isSequence() {
        return items != null;
    }

    boolean isScalar() {
        return fields == null && items == null;
    }

    /** A scalar that is a YAML string or a plain word (not a number or boolean when unquoted). */
    String describe() {
        return isMapping() ? "a mapping" : isSequence() ? "a list" : text == null ? "nothing" : "'" + text + "'";
    }

    /**
     * Every document of a YAML text, in order; a mapping key given twice is a problem reported through
     * {@code problems} (the later value wins). Malformed YAML throws a {@link RuleFileException} naming its line.
     */
    static List<YamlNode> documents(String source, String yaml, List<String> problems) {
        List<YamlNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                documents.add(read(source, parser, token, problems, 0));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RuleFileException(List.of(source + ":" + (at == null ? 0 : at.getLineNr()) + ": not valid YAML: "
                    + oneLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new RuleFileException(List.of(source + ":0: cannot read: " + e.getMessage()));
        }
        return documents;
    }

    /** The parser's own lines of a YAML error, without the quoted text and position lines it adds. */
    private static String oneLine(String message) {
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                lines.add(line.strip());
            }
        }
        return String.join("; ", lines);
    }

    /** Deeper than any rule needs; a hostile document stops here, not at the end of the stack. */
    static final int MAX_DEPTH = 32;

    private static YamlNode read(String source, JsonParser parser, JsonToken token, List<String> problems, int depth)
            throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw new RuleFileException(List.of(source + ":" + line + ": nested more than " + MAX_DEPTH
                    + " levels deep"));
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int nameLine = parser.currentTokenLocation().getLineNr();
                YamlNode value = read(source, parser, parser.nextToken(), problems, depth + 1);
                if (fields.containsKey(name)) {
                    problems.add(source + ":" + nameLine + ": " + name + ": given twice");
                }
                fields.put(name, value);
            }
            return new YamlNode(fields, null, null, false, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                items.add(read(source, parser, next, problems, depth + 1));
            }
            return new YamlNode(null, items, null, false, line);
        }
        String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
        return new YamlNode(null, null, text, token == JsonToken.VALUE_STRING, line);
    }
}
