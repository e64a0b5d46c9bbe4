package io.waspada.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.e2e.deploy.KubernetesManifests.Manifest;
import io.waspada.kafka.KafkaAccess;
import io.waspada.topics.AgencyTopics;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicSpec;
import io.waspada.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the Strimzi {@code KafkaTopic} and {@code KafkaUser} documents of the manifests with what the code says the
 * cluster must hold: one KafkaTopic per topic, with exactly the configuration the topic step sets (cleanup policy,
 * retention, {@code min.insync.replicas} and, where the spec rolls segments, {@code segment.ms}) on 3 replicas; one
 * KafkaUser per principal, SCRAM, with exactly its ACLs. Each method returns every difference, one line each (empty:
 * they agree), so a test can also show that a broken copy of the manifests is caught.
 */
final class StrimziKafkaResources {

    /** Every topic and principal gets this replication, as the brokers' default.replication.factor. */
    static final int REPLICAS = 3;

    private StrimziKafkaResources() {
    }

    /**
     * The agencies whose Kafka doors the deployment opens: the alert-producer's {@code WASPADA_AGENCIES} (its own
     * {@code env} or a ConfigMap it takes whole), else {@link AgencyTopics#DEFAULT_AGENCIES}, as the service reads it.
     */
    static List<String> agencies(List<Manifest> manifests) {
        Map<String, String> env = new HashMap<>();
        for (Manifest workload : manifests) {
            if (!workload.name().equals("alert-producer") || !workload.kind().equals("Deployment")) {
                continue;
            }
            JsonNode container = workload.node().at("/spec/template/spec/containers/0");
            for (JsonNode from : container.path("envFrom")) {
                String map = from.at("/configMapRef/name").asText();
                manifests.stream().filter(m -> m.is("ConfigMap", map)).findFirst().ifPresent(config -> config.node()
                        .path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText())));
            }
            for (JsonNode variable : container.path("env")) {
                if (variable.has("value")) {
                    env.put(variable.path("name").asText(), variable.path("value").asText());
                }
            }
        }
        return AgencyTopics.agencies(env);
    }

    /** The platform's topics ({@link Topics}) and the Kafka doors of {@code agencies}. */
    static List<Topic<?, ?>> topics(List<String> agencies) {
        List<Topic<?, ?>> topics = new ArrayList<>(Topics.ALL);
        topics.addAll(AgencyTopics.all(agencies));
        return topics;
    }

    /** The services' and ops' principals and those of {@code agencies}, as principals.yaml makes them. */
    static List<KafkaAccess.Principal> principals(KafkaAccess access, List<String> agencies) {
        List<KafkaAccess.Principal> principals = new ArrayList<>(access.principals());
        principals.addAll(access.agencyPrincipals(agencies));
        return principals;
    }

    /** What differs between the manifests' KafkaTopics of {@code cluster} and {@code topics}. */
    static List<String> topicDifferences(List<Manifest> manifests, List<Topic<?, ?>> topics, String cluster) {
        List<String> differences = new ArrayList<>();
        Map<String, Manifest> byTopic = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            if (manifest.kind().equals("KafkaTopic")) {
                String name = manifest.node().at("/spec/topicName").asText(manifest.name());
                if (byTopic.put(name, manifest) != null) {
                    differences.add("two KafkaTopics for " + name);
                }
                if (!manifest.node().at("/metadata/labels/strimzi.io~1cluster").asText().equals(cluster)) {
                    differences.add(manifest + ": not labelled strimzi.io/cluster: " + cluster);
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        for (Topic<?, ?> topic : topics) {
            expected.add(topic.name());
            Manifest manifest = byTopic.get(topic.name());
            if (manifest == null) {
                differences.add("no KafkaTopic " + topic.name());
                continue;
            }
            JsonNode spec = manifest.node().path("spec");
            int replicas = spec.path("replicas").asInt();
            if (replicas != REPLICAS) {
                differences.add(topic.name() + ": replicas " + replicas + ", not " + REPLICAS);
            }
            if (spec.path("partitions").asInt() != topic.spec().partitions()) {
                differences.add(topic.name() + ": partitions " + spec.path("partitions").asText() + ", not "
                        + topic.spec().partitions());
            }
            Map<String, String> config = new TreeMap<>();
            spec.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            Map<String, String> wanted = config(topic.spec(), REPLICAS);
            if (!config.equals(wanted)) {
                differences.add(topic.name() + ": config " + config + ", not " + wanted);
            }
        }
        byTopic.keySet().stream().filter(name -> !expected.contains(name))
                .forEach(name -> differences.add("KafkaTopic " + name + " is no topic of the code"));
        return differences;
    }

    /** The configuration the topic step gives a topic of this spec on {@code replicas} brokers. */
    static Map<String, String> config(TopicSpec spec, int replicas) {
        Map<String, String> config = new TreeMap<>();
        config.put("cleanup.policy", spec.compacted() ? "compact" : "delete");
        config.put("retention.ms", Long.toString(spec.retentionMs()));
        config.put("min.insync.replicas",
                Integer.toString(Math.max(1, Math.min(spec.minInsyncReplicas(), replicas - 1))));
        if (spec.segment() != null) {
            config.put("segment.ms", Long.toString(spec.segment().toMillis()));
        }
        return config;
    }

    /** What differs between the manifests' KafkaUsers and {@code principals}, ACL by ACL. */
    static List<String> userDifferences(List<Manifest> manifests, List<KafkaAccess.Principal> principals) {
        List<String> differences = new ArrayList<>();
        Map<String, Manifest> users = new LinkedHashMap<>();
        manifests.stream().filter(m -> m.kind().equals("KafkaUser")).forEach(user -> {
            if (users.put(user.name(), user) != null) {
                differences.add("two KafkaUsers " + user.name());
            }
        });
        Set<String> expected = new TreeSet<>();
        for (KafkaAccess.Principal principal : principals) {
            expected.add(principal.name());
            Manifest user = users.get(principal.name());
            if (user == null) {
                differences.add("no KafkaUser " + principal.name());
                continue;
            }
            JsonNode spec = user.node().path("spec");
            if (!spec.at("/authentication/type").asText().equals("scram-sha-512")) {
                differences.add(principal.name() + ": authentication is not scram-sha-512");
            }
            if (!spec.at("/authorization/type").asText().equals("simple")) {
                differences.add(principal.name() + ": authorization is not simple");
            }
            Set<String> wanted = grants(principal);
            Set<String> granted = grants(spec.at("/authorization/acls"));
            for (String missing : difference(wanted, granted)) {
                differences.add(principal.name() + ": missing ACL " + missing);
            }
            for (String extra : difference(granted, wanted)) {
                differences.add(principal.name() + ": ACL not in principals.yaml " + extra);
            }
        }
        users.keySet().stream().filter(name -> !expected.contains(name))
                .forEach(name -> differences.add("KafkaUser " + name + " is no principal of principals.yaml"));
        return differences;
    }

    /** principals.yaml's ACLs of a principal as {@code permission:type:name:pattern:operation}. */
    private static Set<String> grants(KafkaAccess.Principal principal) {
        Set<String> grants = new TreeSet<>();
        for (KafkaAccess.Acl acl : principal.acls()) {
            KafkaAccess.Resource resource = acl.resource();
            // Kafka's one cluster resource is named kafka-cluster; Strimzi's has no name.
            String name = resource.type().equals("cluster") ? "" : resource.name();
            String permission = acl.permission() == null ? "allow" : acl.permission();
            String pattern = resource.patternType() == null ? "literal" : resource.patternType();
            acl.operations().forEach(operation -> grants.add(grant(permission, resource.type(), name, pattern,
                    operation)));
        }
        return grants;
    }

    /** A KafkaUser's ACLs, in the same form; a host other than any ({@code *}) is a grant of its own kind. */
    private static Set<String> grants(JsonNode acls) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode acl : acls) {
            JsonNode resource = acl.path("resource");
            String permission = acl.path("type").asText("allow") + (acl.path("host").asText("*").equals("*") ? ""
                    : "@" + acl.path("host").asText());
            for (JsonNode operation : acl.path("operations")) {
                grants.add(grant(permission, resource.path("type").asText(), resource.path("name").asText(""),
                        resource.path("patternType").asText("literal"), operation.asText()));
            }
        }
        return grants;
    }

    private static String grant(String permission, String type, String name, String pattern, String operation) {
        return permission + ":" + type + ":" + name + ":" + pattern + ":" + operation;
    }

    private static Set<String> difference(Set<String> these, Set<String> without) {
        Set<String> rest = new TreeSet<>(these);
        rest.removeAll(without);
        return rest;
    }
}
