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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component that creates the platform's topics, with explicit partitions, retention,
 * compaction and {@code min.insync.replicas}, and keeps existing ones to their specs ({@link TopicDrift}: corrects
 * cleanup policy, retention and min ISR; reports partitions and a replication factor it cannot change).
 * The replication factor is the one required: {@code WASPADA_REPLICATION_FACTOR} if set, else the larger of the
 * brokers' {@code default.replication.factor} and the live brokers (at most 3). Fewer live brokers than required
 * creates nothing: the step fails naming them, instead of silently making topics that cannot survive a broker's loss.
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    /** Where the topic step reads the required replication factor. */
    public static final String REPLICATION_VARIABLE = "WASPADA_REPLICATION_FACTOR";

    private final Admin admin;
    private final java.util.OptionalInt replication;
    private List<String> drift = List.of();

    public TopicCreator(Admin admin) {
        this(admin, java.util.OptionalInt.empty());
    }

    /** With the replication factor required of every topic ({@code replication}), or derived from the cluster. */
    public TopicCreator(Admin admin, java.util.OptionalInt replication) {
        this.admin = admin;
        this.replication = replication;
    }

    /** Creates every missing topic of {@link Topics#ALL} and the contract's agencies' doors; returns those it created. */
    public List<String> createAll() {
        return createAll(AgencyTopics.DEFAULT_AGENCIES);
    }

    /** Creates every missing topic of {@link Topics#ALL} and of these agencies' doors ({@link AgencyTopics}). */
    public List<String> createAll(List<String> agencies) {
        List<Topic<?, ?>> topics = new ArrayList<>(Topics.ALL);
        topics.addAll(AgencyTopics.all(agencies));
        return create(topics);
    }

    /** What the last {@link #create} found on existing topics, one line each (corrected or not). */
    public List<String> drift() {
        return drift;
    }

    /** Creates the missing topics and checks the existing ones against their specs; returns the names it created. */
    public List<String> create(Collection<Topic<?, ?>> topics) {
        try {
            Collection<org.apache.kafka.common.Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            int brokers = nodes.size();
            short required = (short) required(nodes);
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Map<String, TopicSpec> present = new java.util.LinkedHashMap<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic.name(), topic.spec(), required));
                } else {
                    present.put(topic.name(), topic.spec());
                }
            }
            if (!missing.isEmpty() && brokers < required) {
                throw new IllegalStateException("only " + brokers + " broker(s) up, and the topics need replication "
                        + "factor " + required + ": nothing created (start the others, or set "
                        + REPLICATION_VARIABLE + " to create with fewer): "
                        + missing.stream().map(NewTopic::name).toList());
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
                LOG.info("Created topics {} (replication factor {})", created, required);
            }
            drift = new TopicDrift(admin).check(present, required).stream().map(TopicDrift.Finding::line).toList();
            drift.forEach(line -> LOG.warn("Topic drift: {}", line));
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics: " + e.getMessage(), e);
        }
    }

    /** The replication factor required: the configured one, else what the cluster says (see the class). */
    private int required(Collection<org.apache.kafka.common.Node> nodes)
            throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = nodes.size();
        if (replication.isPresent()) {
            return replication.getAsInt();
        }
        int fallback = Math.min(3, Math.max(1, brokers));
        if (nodes.isEmpty()) {
            return fallback;
        }
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                Integer.toString(nodes.iterator().next().id()));
        try {
            var entry = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker)
                    .get("default.replication.factor");
            return entry == null ? fallback : Math.max(fallback, Integer.parseInt(entry.value()));
        } catch (ExecutionException e) {
            LOG.warn("The brokers' default.replication.factor is not readable ({}): replication factor {}",
                    e.getCause().toString(), fallback);
            return fallback;
        }
    }

    static NewTopic newTopic(String name, TopicSpec spec, short replication) {
        return new NewTopic(name, spec.partitions(), replication).configs(TopicDrift.configs(spec, replication));
    }

    /**
     * The topic step: {@code TopicCreator [--access] [bootstrap-servers]}, connecting as {@link KafkaConnection#fromEnvironment}
     * says (the admin principal), with the replication factor of {@code WASPADA_REPLICATION_FACTOR} if set; it prints
     * the drift it found on existing topics. With {@code --access} it then makes the broker's principals and ACLs exactly
     * {@code principals.yaml} ({@link AccessCreator}), each principal's password from
     * {@code WASPADA_KAFKA_PASSWORD_<NAME>} (e.g. {@code WASPADA_KAFKA_PASSWORD_ALERT_PRODUCER}); a missing one stops
     * the step with its name. The agencies' doors (inbox and rejects topics, principals' ACLs) are made for the codes
     * of {@code WASPADA_AGENCIES} (default: the contract's 13); an agency principal's password is set only if given
     * ({@code WASPADA_KAFKA_PASSWORD_AGENCY_RMP}).
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
        java.util.OptionalInt replication = replication(env);
        List<String> agencies = AgencyTopics.agencies(env);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicCreator creator = new TopicCreator(admin, replication);
            List<String> created = creator.createAll(agencies);
            System.out.println("Topics ready on " + bootstrap + " (created " + created.size() + "): "
                    + Topics.ALL.stream().map(Topic::name).toList() + " and the Kafka doors of " + agencies);
            creator.drift().forEach(line -> System.out.println("Topic drift: " + line));
            if (access) {
                KafkaAccess list = KafkaAccess.shipped();
                java.util.Map<String, String> passwords = passwords(list, env);
                list.agencyPrincipals(agencies).forEach(agency -> {
                    String password = env.get(passwordVariable(agency.name()));
                    if (password != null && !password.isBlank()) {
                        passwords.put(agency.name(), checkedPassword(passwordVariable(agency.name()), password));
                    }
                });
                new AccessCreator(admin, list).apply(passwords, agencies);
                System.out.println("Principals and ACLs ready: " + list.names());
            }
        }
    }

    /** {@code WASPADA_REPLICATION_FACTOR}, if set: a positive number, else the step stops naming it. */
    static java.util.OptionalInt replication(java.util.Map<String, String> env) {
        String value = env.get(REPLICATION_VARIABLE);
        if (value == null || value.isBlank()) {
            return java.util.OptionalInt.empty();
        }
        try {
            int factor = Integer.parseInt(value.trim());
            if (factor >= 1) {
                return java.util.OptionalInt.of(factor);
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalStateException(REPLICATION_VARIABLE + " must be a positive number, not '" + value + "'");
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
            passwords.put(name, checkedPassword(variable, password));
        }
        return passwords;
    }

    private static String checkedPassword(String variable, String password) {
        // The services put it into a JAAS line: nothing that needs quoting, and long enough.
        if (!password.matches("[A-Za-z0-9+/._-]{16,}")) {
            throw new IllegalStateException(variable + " must be at least 16 letters, digits or + / . _ - "
                    + "(e.g. head -c 24 /dev/urandom | base64)");
        }
        return password;
    }

    public static String passwordVariable(String principal) {
        return "WASPADA_KAFKA_PASSWORD_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
