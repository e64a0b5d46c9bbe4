package io.waspada.notifier.config;

import io.waspada.avro.Handling;
import io.waspada.notifier.routing.Projection;
import io.waspada.notifier.i18n.Language;
import io.waspada.notifier.i18n.OfficerZone;
import io.waspada.notifier.routing.TaskForce;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates and converts the YAML receivers into {@link TaskForce}s: unique ids, known handling codes
 * (default H0 and H1 only: clearance for H2/H3 must be explicit), escalation targets that exist, usable
 * webhook URLs and secrets, email addresses.
 */
final class TaskForceReader {

    private static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(5);

    private final String source;

    private final java.util.function.Function<String, String> environment;

    TaskForceReader(String source) {
        this(source, System::getenv);
    }

    TaskForceReader(String source, java.util.function.Function<String, String> environment) {
        this.environment = environment;
        this.source = source;
    }

    Map<String, TaskForce> read(List<RoutingFile.ReceiverSpec> specs) {
        Map<String, TaskForce> byId = new LinkedHashMap<>();
        for (RoutingFile.ReceiverSpec spec : specs) {
            if (spec.id == null || spec.id.isBlank()) {
                throw fail(spec, "a receiver needs an 'id'");
            }
            if (byId.containsKey(spec.id)) {
                throw fail(spec, "duplicate receiver id '" + spec.id + "'");
            }
            byId.put(spec.id, taskForce(spec));
        }
        for (RoutingFile.ReceiverSpec spec : specs) {
            for (String next : spec.escalation) {
                if (!byId.containsKey(next)) {
                    throw fail(spec, "escalation names unknown receiver '" + next + "'");
                }
            }
        }
        return byId;
    }

    private TaskForce taskForce(RoutingFile.ReceiverSpec spec) {
        return new TaskForce(spec.id, spec.name == null ? spec.id : spec.name, handling(spec), spec.escalation,
                webhook(spec.channels.webhook), email(spec.channels.email), language(spec), zone(spec),
                projection(spec));
    }

    private Projection projection(RoutingFile.ReceiverSpec spec) {
        try {
            return Projection.parse(spec.projection);
        } catch (IllegalArgumentException e) {
            throw fail(spec, e.getMessage());
        }
    }

    private Language language(RoutingFile.ReceiverSpec spec) {
        if (spec.language == null) {
            return Language.EN;
        }
        return Language.of(spec.language).orElseThrow(() -> fail(spec, "unknown language '" + spec.language
                + "' (known: " + String.join(", ", Language.codes()) + ")"));
    }

    private OfficerZone zone(RoutingFile.ReceiverSpec spec) {
        if (spec.timeZone == null) {
            return OfficerZone.MYT;
        }
        return OfficerZone.of(spec.timeZone).orElseThrow(() -> fail(spec, "unknown time_zone '" + spec.timeZone
                + "' (known: " + String.join(", ", OfficerZone.ids()) + ")"));
    }

    private Set<Handling> handling(RoutingFile.ReceiverSpec spec) {
        if (spec.handling == null) {
            return EnumSet.of(Handling.H0, Handling.H1);
        }
        Set<Handling> codes = EnumSet.noneOf(Handling.class);
        for (String code : spec.handling) {
            try {
                codes.add(Handling.valueOf(code));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw fail(spec, "unknown handling code '" + code + "' (known: H0, H1, H2, H3)");
            }
        }
        return codes;
    }

    private Optional<TaskForce.Webhook> webhook(RoutingFile.WebhookSpec spec) {
        if (spec == null) {
            return Optional.empty();
        }
        URI url;
        try {
            url = URI.create(spec.url == null ? "" : spec.url);
        } catch (IllegalArgumentException e) {
            throw fail(spec, "webhook url '" + spec.url + "' is not a URI");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw fail(spec, "webhook url '" + spec.url + "' must be an absolute http(s) URL");
        }
        String secret = secret(spec);
        String weak = io.waspada.notifier.delivery.Signature.problem(secret);
        if (weak != null) {
            throw fail(spec, weak);
        }
        Duration timeout = DEFAULT_WEBHOOK_TIMEOUT;
        if (spec.timeout != null) {
            try {
                timeout = Durations.parse(spec.timeout);
            } catch (IllegalArgumentException e) {
                throw fail(spec, e.getMessage());
            }
        }
        return Optional.of(new TaskForce.Webhook(url, secret, timeout));
    }

    /** The webhook's secret, from the environment variable or the file the routing file names, never from itself. */
    private String secret(RoutingFile.WebhookSpec spec) {
        if (spec.secret != null) {
            throw fail(spec, "webhook 'secret' may not be written in the routing file: name it with 'secret_env: "
                    + "VARIABLE' or 'secret_file: /path/to/file'");
        }
        if ((spec.secretEnv == null) == (spec.secretFile == null)) {
            throw fail(spec, "webhook needs exactly one of 'secret_env' and 'secret_file'");
        }
        if (spec.secretEnv != null) {
            String value = environment.apply(spec.secretEnv);
            if (value == null || value.isBlank()) {
                throw fail(spec, "webhook secret_env " + spec.secretEnv + " is not set");
            }
            return value.strip();
        }
        java.nio.file.Path file = java.nio.file.Path.of(spec.secretFile);
        try {
            var permissions = java.nio.file.Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("OTHERS"))
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)) {
                throw fail(spec, "webhook secret_file " + file + " is open to other users or writable by its group: "
                        + "chmod 600 (or 640) it");
            }
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw fail(spec, "webhook secret_file " + file + " does not exist");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw fail(spec, "webhook secret_file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private Optional<TaskForce.Email> email(RoutingFile.EmailSpec spec) {
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.to.isEmpty()) {
            throw fail(spec, "email needs at least one address in 'to'");
        }
        for (String address : spec.to) {
            if (address == null || !address.matches("[^@\\s]+@[^@\\s]+")) {
                throw fail(spec, "'" + address + "' is not an email address");
            }
        }
        return Optional.of(new TaskForce.Email(spec.to));
    }

    private RoutingConfigException fail(Located where, String problem) {
        return new RoutingConfigException(source, where.line, problem);
    }
}
