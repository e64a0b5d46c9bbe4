package io.waspada.notifier.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.waspada.notifier.routing.EscalationDeadlines;
import io.waspada.notifier.routing.Route;
import io.waspada.notifier.routing.RoutingConfig;
import io.waspada.notifier.routing.TaskForce;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a routing YAML file into a validated {@link RoutingConfig}, or fails with a
 * {@link RoutingConfigException} naming the line and the problem (unknown keys, bad matchers, durations,
 * handling codes, unknown receivers). Stateless and thread-safe.
 */
public final class RoutingConfigLoader {

    /** The default configuration shipped with the service, on the classpath. */
    public static final String DEFAULT_RESOURCE = "routing.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new LineNumbers())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RoutingConfigLoader() {
    }

    /** A file path, or the shipped default when {@code path} is blank; the root's escalation deadlines are the defaults. */
    public static RoutingConfig load(String path) {
        return load(path, EscalationDeadlines.DEFAULTS);
    }

    /** As {@link #load(String)}, the root route starting from {@code rootDeadlines} (the service-wide settings). */
    public static RoutingConfig load(String path, EscalationDeadlines rootDeadlines) {
        if (path == null || path.isBlank()) {
            try (InputStream in = RoutingConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
                }
                return parse("classpath:" + DEFAULT_RESOURCE, in.readAllBytes(), rootDeadlines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return parse(path, Files.readAllBytes(Path.of(path)), rootDeadlines);
        } catch (IOException e) {
            throw new RoutingConfigException(path, 0, "cannot read the routing file: " + e.getMessage(), e);
        }
    }

    public static RoutingConfig parse(String source, String yaml) {
        return parse(source, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), EscalationDeadlines.DEFAULTS);
    }

    public static RoutingConfig parse(String source, byte[] yaml, EscalationDeadlines rootDeadlines) {
        RoutingFile file = read(source, yaml);
        if (file == null || file.route == null) {
            throw new RoutingConfigException(source, file == null ? 1 : file.line, "no 'route' (the root of the routing tree)");
        }
        Map<String, TaskForce> taskForces = new TaskForceReader(source).read(file.receivers);
        Route root = new RouteTreeReader(source, taskForces.keySet(), rootDeadlines).read(file.route);
        return new RoutingConfig(root, taskForces, new InhibitRuleReader(source).read(file.inhibitRules), source);
    }

    private static RoutingFile read(String source, byte[] yaml) {
        try {
            return YAML.readValue(yaml, RoutingFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new RoutingConfigException(source, line(e), "unknown key '" + e.getPropertyName()
                    + "' (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            throw new RoutingConfigException(source, line(e), e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RoutingConfigException(source, 0, e.getMessage(), e);
        }
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }
}
