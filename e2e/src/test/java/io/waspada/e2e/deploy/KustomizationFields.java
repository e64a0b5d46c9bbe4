package io.waspada.e2e.deploy;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates {@code kustomization.yaml} by hand: kustomize is written in Go, so no typed model of its Kustomization
 * ({@code kustomize.config.k8s.io/v1beta1}) is published on Maven Central, and no schema file is kept in this
 * repository. kustomize refuses a field its Kustomization type does not have, so a misspelt field
 * ({@code resource:} for {@code resources:}) must fail here too; each known field must also be of the JSON type
 * kustomize reads it as, and the file list must be plain, distinct file names.
 */
final class KustomizationFields {

    static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
    /** The fields of kustomize's Kustomization type (the current ones; not its deprecated ones), by JSON type. */
    private static final Map<String, JsonNodeType> FIELDS = Map.ofEntries(
            entry("apiVersion", JsonNodeType.STRING),
            entry("kind", JsonNodeType.STRING),
            entry("metadata", JsonNodeType.OBJECT),
            entry("namespace", JsonNodeType.STRING),
            entry("namePrefix", JsonNodeType.STRING),
            entry("nameSuffix", JsonNodeType.STRING),
            entry("resources", JsonNodeType.ARRAY),
            entry("components", JsonNodeType.ARRAY),
            entry("labels", JsonNodeType.ARRAY),
            entry("commonLabels", JsonNodeType.OBJECT),
            entry("commonAnnotations", JsonNodeType.OBJECT),
            entry("images", JsonNodeType.ARRAY),
            entry("replicas", JsonNodeType.ARRAY),
            entry("replacements", JsonNodeType.ARRAY),
            entry("patches", JsonNodeType.ARRAY),
            entry("configMapGenerator", JsonNodeType.ARRAY),
            entry("secretGenerator", JsonNodeType.ARRAY),
            entry("generatorOptions", JsonNodeType.OBJECT),
            entry("configurations", JsonNodeType.ARRAY),
            entry("generators", JsonNodeType.ARRAY),
            entry("transformers", JsonNodeType.ARRAY),
            entry("validators", JsonNodeType.ARRAY),
            entry("buildMetadata", JsonNodeType.ARRAY));
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private KustomizationFields() {
    }

    /** The problems of a kustomization, each naming its field: empty when kustomize would take it. */
    static List<String> validate(JsonNode kustomization) {
        if (!kustomization.isObject()) {
            return List.of("(document): a kustomization is a mapping, not " + kustomization.getNodeType());
        }
        List<String> problems = new ArrayList<>();
        kustomization.properties().forEach(e -> {
            JsonNodeType expected = FIELDS.get(e.getKey());
            if (expected == null) {
                problems.add(e.getKey() + ": unknown field (known: " + new TreeSet<>(FIELDS.keySet()) + ")");
            } else if (e.getValue().getNodeType() != expected) {
                problems.add(e.getKey() + ": " + e.getValue() + " is not " + expected);
            }
        });
        expect(kustomization, "apiVersion", API_VERSION, problems);
        expect(kustomization, "kind", "Kustomization", problems);
        String namespace = kustomization.path("namespace").asText("");
        if (kustomization.has("namespace") && !(DNS_LABEL.matcher(namespace).matches() && namespace.length() <= 63)) {
            problems.add("namespace: " + namespace + " is no DNS label");
        }
        Set<String> files = new HashSet<>();
        JsonNode resources = kustomization.path("resources");
        for (int i = 0; i < resources.size(); i++) {
            JsonNode resource = resources.get(i);
            if (!resource.isTextual() || resource.asText().isBlank()) {
                problems.add("resources[" + i + "]: " + resource + " is not a file name");
            } else if (!files.add(resource.asText())) {
                problems.add("resources[" + i + "]: " + resource.asText() + " is listed twice");
            }
        }
        return problems;
    }

    private static void expect(JsonNode kustomization, String field, String value, List<String> problems) {
        if (kustomization.has(field) && !kustomization.get(field).asText().equals(value)) {
            problems.add(field + ": " + kustomization.get(field) + " is not " + value);
        }
    }
}
