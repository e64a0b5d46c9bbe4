package io.waspada.notifier.routing;

import io.waspada.avro.Handling;
import io.waspada.notifier.i18n.Language;
import io.waspada.notifier.i18n.OfficerZone;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A receiver: a task force with its channels (the WebSocket always; a signed webhook and email where configured),
 * its escalation chain (task-force ids), and the handling codes it is cleared to receive; its default language and
 * time zone (officers' own choice wins on their console; email is always in the task force's); and what it sees of an
 * alert ({@link Projection}).
 */
public record TaskForce(String id, String name, Set<Handling> handling, List<String> escalation,
        Optional<Webhook> webhook, Optional<Email> email, Language language, OfficerZone zone,
        Projection projection) {

    public TaskForce {
        handling = Set.copyOf(handling);
        escalation = List.copyOf(escalation);
        language = language == null ? Language.EN : language;
        zone = zone == null ? OfficerZone.MYT : zone;
        projection = projection == null ? Projection.FULL : projection;
    }

    /** A task force in English, Malaysian time, that sees alerts in full. */
    public TaskForce(String id, String name, Set<Handling> handling, List<String> escalation,
            Optional<Webhook> webhook, Optional<Email> email) {
        this(id, name, handling, escalation, webhook, email, Language.EN, OfficerZone.MYT, Projection.FULL);
    }

    public boolean clearedFor(Handling code) {
        return handling.contains(code);
    }

    /** A webhook receiver: POSTed JSON signed with HMAC-SHA-256 of the body under {@code secret}. */
    public record Webhook(URI url, String secret, Duration timeout) {
    }

    /** Mail recipients. */
    public record Email(List<String> to) {
        public Email {
            to = List.copyOf(to);
        }
    }
}
