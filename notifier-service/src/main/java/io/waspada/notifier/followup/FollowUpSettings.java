package io.waspada.notifier.followup;

import io.waspada.followup.FollowUpRequest.Urgency;
import io.waspada.notifier.routing.TaskForce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How follow-up requests are run: the deadline per urgency ({@code waspada.follow-up.deadline.urgent}, {@code .normal})
 * and each owning agency's webhook ({@code waspada.follow-up.agency.<CODE>.url} with {@code .secret-file} or
 * {@code .secret}), where its requests, reminders included, are posted signed like the task forces' webhooks. An open
 * request is reminded at its deadline, then again every {@code waspada.follow-up.remind-every} (default: its urgency's
 * deadline), at most {@code waspada.follow-up.max-reminders} times (default 3).
 */
@ApplicationScoped
public class FollowUpSettings {

    @ConfigProperty(name = "waspada.follow-up.deadline.urgent", defaultValue = "PT12H")
    Duration urgent;
    @ConfigProperty(name = "waspada.follow-up.deadline.normal", defaultValue = "PT72H")
    Duration normal;
    @ConfigProperty(name = "waspada.follow-up.tick", defaultValue = "PT1S")
    Duration tick;
    @ConfigProperty(name = "waspada.follow-up.remind-every")
    Optional<Duration> remindEvery;
    @ConfigProperty(name = "waspada.follow-up.max-reminders", defaultValue = "3")
    int maxReminders;
    @Inject
    Config config;

    /** How long after a reminder the next one is due. */
    public Duration remindEvery(Urgency urgency) {
        return remindEvery.orElse(deadline(urgency));
    }

    /** How many reminders a request gets at most (each escalates one step further along the chain). */
    public int maxReminders() {
        return Math.max(1, maxReminders);
    }

    public Duration deadline(Urgency urgency) {
        return urgency == Urgency.URGENT ? urgent : normal;
    }

    public Duration tick() {
        return tick;
    }

    /** The agency's webhook as a receiver of the signed delivery, if it has one. */
    public Optional<TaskForce> agencyReceiver(String agency) {
        String prefix = "waspada.follow-up.agency." + agency.toUpperCase(Locale.ROOT) + ".";
        Optional<String> url = config.getOptionalValue(prefix + "url", String.class);
        if (url.isEmpty() || url.get().isBlank()) {
            return Optional.empty();
        }
        String secret = config.getOptionalValue(prefix + "secret-file", String.class).map(FollowUpSettings::read)
                .or(() -> config.getOptionalValue(prefix + "secret", String.class))
                .orElseThrow(() -> new IllegalStateException(prefix + "secret-file (or secret) is required with " + prefix
                        + "url"));
        TaskForce.Webhook hook = new TaskForce.Webhook(URI.create(url.get()), secret, Duration.ofSeconds(10));
        return Optional.of(new TaskForce("agency-" + agency, agency, java.util.Set.of(), java.util.List.of(),
                Optional.of(hook), Optional.empty()));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("agency webhook secret not readable: " + file, e);
        }
    }
}
