package io.waspada.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.OpenApi30;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a service's OpenAPI document (as served at {@code /q/openapi?format=json}) for what an integrator relies on:
 * every request and response body of every operation has a schema that is not a bare binary string, every error
 * status (4xx, 5xx) is an {@code application/problem+json} body with the Problem schema (401 and 403 included: no
 * error of the platform is sent without a body), and every documented example
 * ({@code example}, {@code examples}: on media types, parameters and schemas) is valid against its schema, with
 * {@code #/components/...} references resolved against the document. Formats (date-time, uuid, ...) are asserted.
 */
public final class OpenApiCheck {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM = "application/problem+json";

    /** One documented request body example: where it is sent and what. */
    public record RequestExample(String method, String path, String mediaType, String name, JsonNode value) {
    }

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<String> problems = new ArrayList<>();
    private final List<RequestExample> requestExamples = new ArrayList<>();
    private int examplesChecked;

    private OpenApiCheck(JsonNode document) {
        this.document = document;
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = document.path("openapi").asText().startsWith("3.0")
                ? SchemaRegistry.withDialect(OpenApi30.getInstance(), b -> b.schemaRegistryConfig(config))
                : SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        b -> b.schemaRegistryConfig(config));
    }

    /** Runs every check on {@code document}. */
    public static OpenApiCheck of(JsonNode document) {
        OpenApiCheck check = new OpenApiCheck(document);
        check.run();
        return check;
    }

    /** Everything wrong, one line each; empty when the document passes. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The request body examples, for sending to the live service. */
    public List<RequestExample> requestExamples() {
        return List.copyOf(requestExamples);
    }

    /** How many examples were validated (so a test can tell a document without examples from a good one). */
    public int examplesChecked() {
        return examplesChecked;
    }

    private void run() {
        for (Map.Entry<String, JsonNode> path : fields(document.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                if (METHODS.contains(operation.getKey())) {
                    operation(operation.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), operation.getValue(),
                            path.getValue().path("parameters"));
                }
            }
        }
        for (Map.Entry<String, JsonNode> schema : fields(document.path("components").path("schemas"))) {
            schemaExamples("#/components/schemas/" + schema.getKey(), schema.getValue());
        }
    }

    private void operation(String method, String path, JsonNode operation, JsonNode pathParameters) {
        String where = method + " " + path;
        for (JsonNode parameters : List.of(pathParameters, operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                JsonNode resolved = resolve(parameter);
                String name = where + " parameter " + resolved.path("name").asText();
                if (resolved.has("example")) {
                    validate(name + " example", resolved.path("schema"), resolved.get("example"));
                }
                for (Map.Entry<String, JsonNode> example : fields(resolved.path("examples"))) {
                    validate(name + " example " + example.getKey(), resolved.path("schema"),
                            resolve(example.getValue()).path("value"));
                }
            }
        }
        JsonNode requestBody = resolve(operation.path("requestBody"));
        if (!requestBody.isMissingNode()) {
            body(where + " request", requestBody.path("content"), (mediaType, name, value) ->
                    requestExamples.add(new RequestExample(method, path, mediaType, name, value)));
        }
        JsonNode responses = operation.path("responses");
        if (responses.isEmpty()) {
            problems.add(where + ": no responses documented");
        }
        for (Map.Entry<String, JsonNode> response : fields(responses)) {
            String status = response.getKey();
            JsonNode content = resolve(response.getValue()).path("content");
            String name = where + " " + status;
            if ((status.startsWith("4") || status.startsWith("5")) && !content.has(PROBLEM)) {
                problems.add(name + ": an error answer without an " + PROBLEM + " body");
            }
            body(name, content, (mediaType, exampleName, value) -> {
            });
        }
    }

    private interface ExampleSink {
        void example(String mediaType, String name, JsonNode value);
    }

    private void body(String where, JsonNode content, ExampleSink sink) {
        if (content.isMissingNode() || content.isEmpty()) {
            if (where.endsWith(" request")) {
                problems.add(where + ": a body without content");
            }
            return;
        }
        for (Map.Entry<String, JsonNode> media : fields(content)) {
            String name = where + " " + media.getKey();
            JsonNode schema = media.getValue().path("schema");
            JsonNode resolved = resolve(schema);
            if (schema.isMissingNode() || resolved.isMissingNode() || resolved.isEmpty()) {
                problems.add(name + ": no schema");
                continue;
            }
            if ("binary".equals(resolved.path("format").asText())
                    || (resolved.has("contentMediaType") && !resolved.has("properties"))) {
                problems.add(name + ": a bare binary string, not a schema of the body");
            }
            if (media.getKey().equals(PROBLEM) && !schema.path("$ref").asText().endsWith("/Problem")) {
                problems.add(name + ": a problem body whose schema is not the Problem schema");
            }
            JsonNode mediaType = media.getValue();
            if (mediaType.has("example")) {
                validate(name + " example", schema, mediaType.get("example"));
                sink.example(media.getKey(), "example", mediaType.get("example"));
            }
            for (Map.Entry<String, JsonNode> example : fields(mediaType.path("examples"))) {
                JsonNode value = resolve(example.getValue()).path("value");
                if (value.isMissingNode()) {
                    problems.add(name + " example " + example.getKey() + ": no value");
                    continue;
                }
                validate(name + " example " + example.getKey(), schema, value);
                sink.example(media.getKey(), example.getKey(), value);
            }
        }
    }

    private void schemaExamples(String where, JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("example")) {
            validate(where + " example", schema, schema.get("example"));
        }
        if (schema.path("examples").isArray()) {
            int i = 0;
            for (JsonNode example : schema.get("examples")) {
                validate(where + " examples[" + i++ + "]", schema, example);
            }
        }
        for (Map.Entry<String, JsonNode> property : fields(schema.path("properties"))) {
            schemaExamples(where + "." + property.getKey(), property.getValue());
        }
        schemaExamples(where + "[]", schema.path("items"));
    }

    private void validate(String where, JsonNode schema, JsonNode example) {
        examplesChecked++;
        JsonNode value = example;
        // An example of an object or array may be given as text holding the JSON (as @ExampleObject values are).
        if (example.isTextual() && structured(resolve(schema))) {
            try {
                value = new com.fasterxml.jackson.databind.ObjectMapper().readTree(example.textValue());
            } catch (java.io.IOException e) {
                problems.add(where + ": not JSON: " + e.getMessage());
                return;
            }
        }
        ObjectNode root = schema.deepCopy() instanceof ObjectNode copy ? copy : null;
        if (root == null) {
            problems.add(where + ": the schema is not an object");
            return;
        }
        root.set("components", document.path("components"));
        Schema compiled = registry.getSchema(root);
        List<Error> errors = compiled.validate(value);
        for (Error error : errors) {
            problems.add(where + ": " + error.getMessage());
        }
    }

    private boolean structured(JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").toString() : schema.path("type").asText();
        return type.contains("object") || type.contains("array") || schema.has("properties") || schema.has("items")
                || schema.has("oneOf") || schema.has("anyOf") || schema.has("allOf");
    }

    /** The node, or the {@code #/...} node its {@code $ref} names. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                problems.add("a reference outside the document: " + ref);
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        return () -> fields;
    }
}
