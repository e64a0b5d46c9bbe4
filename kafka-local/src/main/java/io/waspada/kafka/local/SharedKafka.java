package io.waspada.kafka.local;

import io.waspada.kafka.AccessCreator;
import io.waspada.kafka.KafkaAccess;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.TopicCreator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One Kafka per test JVM, started on first use with the platform's topics, principals and ACLs, and stopped when the
 * JVM exits. In-process KRaft by default, secured as the local platform is (SASL/SCRAM, StandardAuthorizer): the
 * tests' own clients connect as the admin ({@link #connection()}), a service under test as its principal
 * ({@link #principal}). {@code -Dkafka.runtime=container} uses Testcontainers where Docker exists (unauthenticated:
 * there every principal's connection is the plain one).
 */
public final class SharedKafka {

    public static final String RUNTIME_PROPERTY = "kafka.runtime";

    private static KafkaRuntime instance;
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

    private SharedKafka() {
    }

    public static synchronized KafkaRuntime get() {
        if (instance == null) {
            long start = System.nanoTime();
            KafkaRuntime runtime = "container".equals(System.getProperty(RUNTIME_PROPERTY))
                    ? ContainerKafka.start()
                    : LocalKafkaCluster.startTemporary(1);
            createTopics(runtime.connection());
            if (runtime instanceof LocalKafkaCluster) {
                principalNames().forEach(name -> PASSWORDS.put(name, Secrets.newPassword()));
                createPrincipals(runtime.connection(), PASSWORDS);
            }
            System.out.printf("Kafka for tests ready on %s in %d ms%n",
                    runtime.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shared-kafka-shutdown"));
            instance = runtime;
        }
        return instance;
    }

    /** The services' and ops' principals, then the contract's agencies' ({@code agency-rmp}, ...). */
    public static java.util.List<String> principalNames() {
        KafkaAccess access = KafkaAccess.shipped();
        java.util.List<String> names = new java.util.ArrayList<>(access.names());
        access.agencyPrincipals(io.waspada.topics.AgencyTopics.DEFAULT_AGENCIES).forEach(p -> names.add(p.name()));
        return names;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    /** How the tests' own clients connect to the shared broker: as the admin, allowed everything. */
    public static KafkaConnection connection() {
        return get().connection();
    }

    /** How a listed principal ({@code principals.yaml}: alert-producer, ..., an agency's agency-rmp) connects. */
    public static synchronized KafkaConnection principal(String name) {
        KafkaRuntime runtime = get();
        if (PASSWORDS.isEmpty()) {
            return runtime.connection(); // unauthenticated (container) runtime
        }
        String password = PASSWORDS.get(name);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal " + name + " in principals.yaml");
        }
        return KafkaConnection.scram(runtime.bootstrapServers(), "SASL_PLAINTEXT", name, password);
    }

    /** One principal's password on the shared broker, for a test that runs a client of its own (an example program). */
    public static synchronized String password(String name) {
        get();
        String password = PASSWORDS.get(name);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal " + name + " on the shared broker");
        }
        return password;
    }

    /** The principals' passwords of the shared broker (tests that re-apply the access list). */
    static synchronized Map<String, String> passwords() {
        get();
        return Map.copyOf(PASSWORDS);
    }

    public static void createTopics(KafkaConnection kafka) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicCreator(admin).createAll();
        }
    }

    /**
     * Creates the listed principals with these passwords, and their ACLs (as the admin), and returns once every one of
     * them can log in: new SCRAM credentials reach the brokers' metadata a moment after the controller has them, and a
     * service whose first login is refused keeps a broken idempotent producer until it restarts.
     */
    public static void createPrincipals(KafkaConnection admin, Map<String, String> passwords) {
        try (Admin client = Admin.create(admin.clientConfig())) {
            new AccessCreator(client, KafkaAccess.shipped()).apply(passwords);
        }
        String protocol = admin.security().getOrDefault(KafkaConnection.SECURITY_PROTOCOL, "PLAINTEXT");
        if (protocol.startsWith("SASL_")) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            passwords.forEach((name, password) -> awaitLogin(KafkaConnection.scram(admin.bootstrapServers(), protocol,
                    name, password), name, deadline));
        }
    }

    private static void awaitLogin(KafkaConnection principal, String name, long deadline) {
        while (true) {
            try (Admin client = Admin.create(principal.with(Map.of(
                    org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                    org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000)))) {
                client.describeCluster().clusterId().get(4, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka principal " + name + " cannot log in 30 s after it was made: "
                            + e, e);
                }
                try {
                    Thread.sleep(200); // a poll interval under the deadline above, not a fixed wait for an outcome
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }
}
