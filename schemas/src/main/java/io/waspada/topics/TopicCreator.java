package io.waspada.topics;

import io.waspada.kafka.AccessCreator;
import io.waspada.kafka.KafkaAccess;
import io.waspada.kafka.KafkaConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component that creates the platform's topics, with explicit partitions, retention,
 * compaction and {@code min.insync.replicas}. Idempotent: existing topics are left as they are.
 * The replication factor follows the cluster (3 brokers or more: 3; otherwise the broker count).
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;

    public TopicCreator(Admin admin) {
        this.admin = admin;
    }

    /** Creates every missing topic of {@link Topics#ALL}; returns the names it created. */
    public List<String> createAll() {
        return create(Topics.ALL);
    }

    public List<String> create(Collection<Topic<?, ?>> topics) {
        try {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, Math.max(1, brokers));
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic.name(), topic.spec(), replication));
                }
            }
            List<String> created = new ArrayList<>();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {} (replication factor {})", created, replication);
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics: " + e.getMessage(), e);
        }
    }

    static NewTopic newTopic(String name, TopicSpec spec, short replication) {
        int minIsr = Math.max(1, Math.min(spec.minInsyncReplicas(), replication - 1));
        return new NewTopic(name, spec.partitions(), replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minIsr)));
    }

    /**
     * {@code java io.waspada.topics.TopicCreator [bootstrap servers]}: the topic-creation step of a deployment; the
     * connection (servers, security) from the environment as {@link KafkaConnection#fromEnvironment} reads it.
     */
    /**
     * The topic step: {@code TopicCreator [--access] [bootstrap-servers]}, connecting as {@link KafkaConnection#fromEnvironment}
     * says (the admin principal). With {@code --access} it then makes the broker's principals and ACLs exactly
     * {@code principals.yaml} ({@link AccessCreator}), each principal's password from
     * {@code WASPADA_KAFKA_PASSWORD_<NAME>} (e.g. {@code WASPADA_KAFKA_PASSWORD_ALERT_PRODUCER}); a missing one stops
     * the step with its name.
     */
    public static void main(String[] args) {
        run(args, System.getenv());
    }

    /** {@link #main} with the environment given: the compose file's own settings, in its test. */
    public static void run(String[] args, java.util.Map<String, String> env) {
        List<String> arguments = new java.util.ArrayList<>(List.of(args));
        boolean access = arguments.remove("--access");
        KafkaConnection kafka = KafkaConnection.fromEnvironment(env, "localhost:9092");
        if (!arguments.isEmpty()) {
            kafka = new KafkaConnection(arguments.get(0), kafka.security());
        }
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            List<String> created = new TopicCreator(admin).createAll();
            System.out.println("Topics ready on " + bootstrap + " (created " + created.size() + "): "
                    + Topics.ALL.stream().map(Topic::name).toList());
            if (access) {
                KafkaAccess list = KafkaAccess.shipped();
                new AccessCreator(admin, list).apply(passwords(list, env));
                System.out.println("Principals and ACLs ready: " + list.names());
            }
        }
    }

    /** Each listed principal's password from {@code WASPADA_KAFKA_PASSWORD_<NAME>}; fails naming the first missing. */
    public static java.util.Map<String, String> passwords(KafkaAccess list, java.util.Map<String, String> env) {
        java.util.Map<String, String> passwords = new java.util.HashMap<>();
        for (String name : list.names()) {
            String variable = passwordVariable(name);
            String password = env.get(variable);
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("set " + variable + ": the password of Kafka principal " + name);
            }
            // The services put it into a JAAS line: nothing that needs quoting, and long enough.
            if (!password.matches("[A-Za-z0-9+/._-]{16,}")) {
                throw new IllegalStateException(variable + " must be at least 16 letters, digits or + / . _ - "
                        + "(e.g. head -c 24 /dev/urandom | base64)");
            }
            passwords.put(name, password);
        }
        return passwords;
    }

    public static String passwordVariable(String principal) {
        return "WASPADA_KAFKA_PASSWORD_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
