package io.waspada.kafka.local;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.TopicCreator;
import org.apache.kafka.clients.admin.Admin;

/**
 * One Kafka per test JVM, started on first use with the platform's topics, and stopped when the JVM exits.
 * In-process KRaft by default; {@code -Dkafka.runtime=container} uses Testcontainers where Docker exists.
 */
public final class SharedKafka {

    public static final String RUNTIME_PROPERTY = "kafka.runtime";

    private static KafkaRuntime instance;

    private SharedKafka() {
    }

    public static synchronized KafkaRuntime get() {
        if (instance == null) {
            long start = System.nanoTime();
            KafkaRuntime runtime = "container".equals(System.getProperty(RUNTIME_PROPERTY))
                    ? ContainerKafka.start()
                    : LocalKafkaCluster.startTemporary(1);
            createTopics(runtime.connection());
            System.out.printf("Kafka for tests ready on %s in %d ms%n",
                    runtime.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shared-kafka-shutdown"));
            instance = runtime;
        }
        return instance;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    /** How the tests' own clients connect to the shared broker. */
    public static KafkaConnection connection() {
        return get().connection();
    }

    public static void createTopics(KafkaConnection kafka) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicCreator(admin).createAll();
        }
    }
}
