package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.it.TestAlerts;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mail server that takes the connection and never answers must not hold a page for ever: the send times out and is
 * tried again, and the page is delivered (at least once), its DELIVERED record on the real broker's audit trail. The
 * mail server is outside the platform; here it is the mailer's answer: none at first, then accepted.
 */
@Timeout(60)
class EmailDeliveryTest {

    private static final Router ROUTER = new Router(RoutingConfigLoader.parse("inline", """
            route:
              receiver: hq
              group_by: [subject]
              group_wait: 0s
            receivers:
              - id: hq
                handling: [H0, H1]
                channels: {email: {to: [hq@waspada.test]}}
            """));

    /** Answers each send with the next answer: TRUE accepted, FALSE silence (the send never completes). */
    private static final class MailServer implements ReactiveMailer {
        final Queue<Boolean> answers = new ConcurrentLinkedQueue<>();
        final List<Mail> tried = new CopyOnWriteArrayList<>();

        @Override
        public Uni<Void> send(Mail... mails) {
            tried.addAll(List.of(mails));
            return Boolean.TRUE.equals(answers.poll()) ? Uni.createFrom().voidItem() : Uni.createFrom().nothing();
        }
    }

    @Test
    void aSendTheServerNeverAnswersIsTriedAgainAndThePageDelivered() {
        MailServer server = new MailServer();
        server.answers.add(Boolean.FALSE);
        server.answers.add(Boolean.TRUE);
        LifecyclePublisher lifecycle = new LifecyclePublisher(SharedKafka.connection(), Clock.systemUTC(),
                new SimpleMeterRegistry());
        EmailDelivery email = new EmailDelivery(server, lifecycle, Duration.ofSeconds(1), 3);
        String id = TestAlerts.uniqueId("mail-timeout");
        Alert alert = TestAlerts.alert(id, 1, "KEDAH", Severity.HIGH, "tok-" + id, Handling.H0);
        NotificationGroups groups = new NotificationGroups();
        Instant now = Instant.now();
        for (RouteMatch match : ROUTER.route(alert.getLabels(), alert.getHandling())) {
            groups.add(match, alert, now);
        }
        Notification notification = groups.due(now).get(0);

        email.send(notification);

        await().atMost(Duration.ofSeconds(20)).until(() -> server.tried.size() == 2);
        List<AlertLifecycleEvent> events = TestAlerts.lifecycle(id, 1);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(LifecycleAction.DELIVERED);
            assertThat(event.getChannel()).isEqualTo(EmailDelivery.CHANNEL);
        });
    }
}
