package io.waspada.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Kafka client connects and how it authenticates: the bootstrap servers and the client security settings
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). Every client of the platform (the services' producers,
 * consumers and admin clients, Kafka Streams' dead-letter producer, the topic step, the benchmarks and the tests'
 * clients) is built from one, so none connects with {@code bootstrap.servers} alone. Each service makes its one
 * connection from its {@code kafka.*} configuration ({@link #from}); command-line tools from the environment
 * ({@link #fromEnvironment}). {@link #toString} never shows a secret.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) {

    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    private static final String SCRAM = "SCRAM-SHA-512";

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are not configured");
        }
        security = Map.copyOf(security);
        security.keySet().forEach(key -> {
            if (!isSecuritySetting(key)) {
                throw new IllegalArgumentException(key + " is not a client security setting");
            }
        });
    }

    /** An unauthenticated connection, for a broker that still has a PLAINTEXT listener. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** SASL/SCRAM-SHA-512 as {@code username} over {@code protocol} ({@code SASL_PLAINTEXT} on loopback, {@code SASL_SSL}). */
    public static KafkaConnection scram(String bootstrapServers, String protocol, String username, String password) {
        return new KafkaConnection(bootstrapServers, Map.of(SECURITY_PROTOCOL, protocol, SASL_MECHANISM, SCRAM,
                SASL_JAAS_CONFIG, scramJaas(username, password)));
    }

    /** The bootstrap servers and security settings of a client configuration (Quarkus' {@code kafka.*}, a Streams config). */
    public static KafkaConnection from(Map<String, ?> config) {
        Object bootstrap = config.get("bootstrap.servers");
        Map<String, String> security = new HashMap<>();
        config.forEach((key, value) -> {
            if (isSecuritySetting(key) && value != null && !String.valueOf(value).isBlank()) {
                security.put(key, value instanceof org.apache.kafka.common.config.types.Password password
                        ? password.value() : String.valueOf(value));
            }
        });
        return new KafkaConnection(bootstrap == null ? null : String.valueOf(bootstrap), security);
    }

    /**
     * For command-line tools: {@code KAFKA_BOOTSTRAP_SERVERS} (default {@code fallbackBootstrap}),
     * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, and either {@code KAFKA_SASL_JAAS_CONFIG} or
     * {@code KAFKA_SASL_USERNAME} with {@code KAFKA_SASL_PASSWORD} (SCRAM); TLS from {@code KAFKA_SSL_*}
     * (e.g. {@code KAFKA_SSL_TRUSTSTORE_LOCATION} is {@code ssl.truststore.location}).
     */
    public static KafkaConnection fromEnvironment(Map<String, String> env, String fallbackBootstrap) {
        Map<String, String> security = new LinkedHashMap<>();
        putIfSet(security, SECURITY_PROTOCOL, env.get("KAFKA_SECURITY_PROTOCOL"));
        putIfSet(security, SASL_MECHANISM, env.get("KAFKA_SASL_MECHANISM"));
        putIfSet(security, SASL_JAAS_CONFIG, env.get("KAFKA_SASL_JAAS_CONFIG"));
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_SSL_")) {
                putIfSet(security, name.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        String username = env.get("KAFKA_SASL_USERNAME");
        if (username != null && !username.isBlank() && !security.containsKey(SASL_JAAS_CONFIG)) {
            security.put(SASL_JAAS_CONFIG, scramJaas(username, env.getOrDefault("KAFKA_SASL_PASSWORD", "")));
            security.putIfAbsent(SASL_MECHANISM, SCRAM);
            security.putIfAbsent(SECURITY_PROTOCOL, "SASL_PLAINTEXT");
        }
        return new KafkaConnection(env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", fallbackBootstrap), security);
    }

    /**
     * This connection, if it names the credentials its protocol needs: a SASL connection whose JAAS line has an empty
     * password (the service's {@code KAFKA_SASL_PASSWORD} unset) is refused with a message saying what to set.
     */
    public KafkaConnection requireCredentials() {
        String protocol = security.getOrDefault(SECURITY_PROTOCOL, "PLAINTEXT");
        String jaas = security.getOrDefault(SASL_JAAS_CONFIG, "");
        if (protocol.startsWith("SASL_") && (jaas.isBlank() || jaas.contains("password=\"\""))) {
            throw new IllegalStateException("Kafka (" + protocol + ") needs this service's credentials: set "
                    + "KAFKA_SASL_PASSWORD (and KAFKA_SASL_USERNAME if the principal is not the service's name)");
        }
        return this;
    }

    /** A new mutable client configuration: this connection plus {@code settings} (which may not change the connection). */
    public Map<String, Object> with(Map<String, ?> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.keySet().forEach(key -> {
            if (key.equals("bootstrap.servers") || isSecuritySetting(key)) {
                throw new IllegalArgumentException(key + " comes from the connection, not from a client's settings");
            }
        });
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(security);
        return config;
    }

    /** This connection as a client configuration. */
    public Map<String, Object> clientConfig() {
        return with(Map.of());
    }

    public static boolean isSecuritySetting(String key) {
        return key.equals(SECURITY_PROTOCOL) || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

    static String scramJaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(username)
                + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return Objects.requireNonNull(value).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void putIfSet(Map<String, String> target, String key, String value) {
        if (value != null && !value.isBlank()) {
            target.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", " + security.getOrDefault(SECURITY_PROTOCOL, "PLAINTEXT")
                + (security.containsKey(SASL_MECHANISM) ? " " + security.get(SASL_MECHANISM) : "") + "]";
    }
}
