package io.waspada.e2e.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Kubernetes manifests of {@code deploy/kubernetes}, parsed as the API server receives them: the documents of every
 * file the kustomization lists, each as its YAML tree (a duplicate key fails, as {@code kubectl}'s strict decoding
 * makes it). The tests read them from here so that each reads the same documents; {@link ManifestModels} validates
 * them against their kinds' typed models and {@link KustomizationFields} the kustomization.
 */
final class KubernetesManifests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("deploy").resolve("kubernetes");
    static final Path KUSTOMIZATION = DIR.resolve("kustomization.yaml");
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    private KubernetesManifests() {
    }

    /** One document of one manifest file. */
    record Manifest(String file, int index, JsonNode node) {

        String apiVersion() {
            return node.path("apiVersion").asText();
        }

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        boolean is(String kind, String name) {
            return kind().equals(kind) && name().equals(name);
        }

        @Override
        public String toString() {
            return file + "#" + index + " " + kind() + " " + name();
        }
    }

    /** The kustomization: the manifest files of the directory, in the order it applies them. */
    static JsonNode kustomization() {
        return readAll(KUSTOMIZATION).get(0);
    }

    /** Every document of every file the kustomization lists. */
    static List<Manifest> load() {
        return load(file -> true);
    }

    /** Every document of the files the kustomization lists that {@code files} accepts. */
    static List<Manifest> load(Predicate<String> files) {
        List<Manifest> manifests = new ArrayList<>();
        for (JsonNode resource : kustomization().path("resources")) {
            if (!files.test(resource.asText())) {
                continue;
            }
            List<JsonNode> documents = readAll(DIR.resolve(resource.asText()));
            for (int i = 0; i < documents.size(); i++) {
                manifests.add(new Manifest(resource.asText(), i, documents.get(i)));
            }
        }
        return manifests;
    }

    /** The documents of a YAML file (empty documents skipped), as {@code kubectl} splits them. */
    static List<JsonNode> readAll(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The text of a file of the repository. */
    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
