package io.waspada.correlation.streams;

import io.waspada.kafka.KafkaConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The service's pass-through Streams settings ({@code kafka-streams.*} in {@code application.properties}) for
 * a KafkaStreams run outside Quarkus (benchmark, restart test), so they measure the configuration that ships.
 * Resolves {@code ${ENV:default}} from the environment.
 */
public final class StreamsProperties {

    private static final String PREFIX = "kafka-streams.";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.]+):([^}]*)}");

    private StreamsProperties() {
    }

    public static Properties forApplication(String applicationId, KafkaConnection kafka) {
        Properties shipped = new Properties();
        try (InputStream in = StreamsProperties.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        for (String name : shipped.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                props.put(name.substring(PREFIX.length()), resolve(shipped.getProperty(name)));
            }
        }
        // -Dkafka-streams.<key>=<value> overrides a shipped setting (benchmark experiments).
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                props.put(name.substring(PREFIX.length()), System.getProperty(name));
            }
        }
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putAll(kafka.clientConfig());
        return props;
    }

    private static String resolve(String value) {
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String env = System.getenv(matcher.group(1));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(env != null ? env : matcher.group(2)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
