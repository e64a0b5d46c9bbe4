package io.waspada.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AsyncAPI document as a tree, with its references followed: {@code #/...} within the document, a relative file
 * path (optionally with {@code #/...}) against the document's directory.
 */
final class AsyncApiDocument {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private AsyncApiDocument(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static AsyncApiDocument read(Path file) {
        try {
            return new AsyncApiDocument(file, YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** The channels by id. */
    Map<String, JsonNode> channels() {
        return fields(root.path("channels"));
    }

    /** The operations by id. */
    Map<String, JsonNode> operations() {
        return fields(root.path("operations"));
    }

    /** The node itself, or what its {@code $ref} names (followed until a node without one). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("reference loop at " + node);
            }
            current = target(current.get("$ref").asText());
        }
        return current;
    }

    /** Where a {@code $ref} that names a file points (null for references within the document). */
    Path referencedFile(String ref) {
        if (ref.startsWith("#")) {
            return null;
        }
        String path = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
        return file.getParent().resolve(path).normalize();
    }

    private JsonNode target(String ref) {
        Path other = referencedFile(ref);
        JsonNode base = root;
        if (other != null) {
            if (!Files.isRegularFile(other)) {
                throw new IllegalStateException("$ref " + ref + " names a missing file " + other);
            }
            try {
                base = JSON.readTree(other.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + other, e);
            }
        }
        int hash = ref.indexOf('#');
        if (hash < 0 || hash == ref.length() - 1) {
            return base;
        }
        JsonNode target = base.at(ref.substring(hash + 1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("$ref " + ref + " points at nothing");
        }
        return target;
    }

    static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}
