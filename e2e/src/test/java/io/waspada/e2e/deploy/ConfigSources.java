package io.waspada.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Secrets and ConfigMaps of deploy/kubernetes come from, for {@link KubernetesManifestsTest}: the ones each pod
 * uses (by environment and by volume, with the keys it reads), and the ones {@code deploy/README.md} tells the operator
 * to create by hand. A pod referring to a Secret nobody makes would not start on a cluster, and no cluster exists where
 * the tests run, so the test compares the two.
 */
final class ConfigSources {

    private ConfigSources() {
    }

    /** Every Secret and ConfigMap a pod uses: {kind, name, key or "*"}. */
    static List<String[]> references(JsonNode pod) {
        List<String[]> references = new ArrayList<>();
        for (JsonNode container : pod.path("containers")) {
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("configMapRef")) {
                    references.add(new String[] {"ConfigMap", from.at("/configMapRef/name").asText(), "*"});
                }
                if (from.has("secretRef")) {
                    references.add(new String[] {"Secret", from.at("/secretRef/name").asText(), "*"});
                }
            }
            for (JsonNode variable : container.path("env")) {
                JsonNode secret = variable.at("/valueFrom/secretKeyRef");
                JsonNode map = variable.at("/valueFrom/configMapKeyRef");
                if (!secret.isMissingNode()) {
                    references.add(new String[] {"Secret", secret.path("name").asText(), secret.path("key").asText()});
                }
                if (!map.isMissingNode()) {
                    references.add(new String[] {"ConfigMap", map.path("name").asText(), map.path("key").asText()});
                }
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            String kind = volume.has("secret") ? "Secret" : volume.has("configMap") ? "ConfigMap" : null;
            if (kind == null) {
                continue;
            }
            JsonNode source = volume.has("secret") ? volume.get("secret") : volume.get("configMap");
            String name = source.has("secretName") ? source.get("secretName").asText() : source.path("name").asText();
            if (source.path("items").isEmpty()) {
                references.add(new String[] {kind, name, "*"});
            }
            source.path("items").forEach(item -> references.add(new String[] {kind, name, item.path("key").asText()}));
        }
        return references;
    }

    /** "Secret NAME" / "ConfigMap NAME" to the keys that deploy/README.md's kubectl create commands give them. */
    static Map<String, Set<String>> created(String readme) {
        Map<String, Set<String>> created = new HashMap<>();
        Matcher command = Pattern.compile("kubectl (?:-n \\S+ )?create (secret generic|configmap) ([a-z0-9.-]+)([^\\n]*)")
                .matcher(readme);
        while (command.find()) {
            String kind = command.group(1).startsWith("secret") ? "Secret" : "ConfigMap";
            Set<String> keys = created.computeIfAbsent(kind + " " + command.group(2), k -> new HashSet<>());
            Matcher key = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=").matcher(command.group(3));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return created;
    }
}
