package io.waspada.notifier.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.view.FlagNotices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import java.util.stream.Collectors;

/**
 * Mails a notification to the task force's addresses (Quarkus mailer). Updates, reminders and the resolution of a
 * group thread under its first mail ({@code In-Reply-To}/{@code References}), so a new alert version is an update,
 * not a new page. Each send is
 * a lifecycle event (DELIVERED or DELIVERY_FAILED) for every alert in it. Mail carries tokens, never raw identifiers.
 */
@ApplicationScoped
public class EmailDelivery {

    public static final String CHANNEL = "email";
    private static final Logger LOG = Logger.getLogger(EmailDelivery.class);

    private final ReactiveMailer mailer;
    private final LifecyclePublisher lifecycle;
    private final java.time.Duration sendTimeout;
    private final int maxAttempts;

    /**
     * {@code waspada.email.send-timeout}: how long one send may take before it counts as failed (a mail server that
     * accepts the connection and never answers would otherwise hold the page for ever); {@code
     * waspada.email.max-attempts}: sends in all, a second after a failure, then two, then DELIVERY_FAILED.
     */
    @Inject
    public EmailDelivery(ReactiveMailer mailer, LifecyclePublisher lifecycle,
            @ConfigProperty(name = "waspada.email.send-timeout", defaultValue = "PT30S") java.time.Duration sendTimeout,
            @ConfigProperty(name = "waspada.email.max-attempts", defaultValue = "3") int maxAttempts) {
        this.mailer = mailer;
        this.lifecycle = lifecycle;
        this.sendTimeout = sendTimeout;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    public void send(Notification notification) {
        send(notification, io.waspada.notifier.tracing.PageSpan.NONE);
    }

    /** As above, as one span of the page's trace, ended when the mail is sent or given up. */
    public void send(Notification notification, io.waspada.notifier.tracing.PageSpan span) {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        String threadId = "<" + notification.id() + "@waspada>";
        Mail mail = new Mail()
                .setTo(notification.taskForce().email().orElseThrow().to())
                .setSubject(subject(notification))
                .setText(text(notification));
        if (notification.sequence() == 1) {
            mail.addHeader("Message-ID", threadId);
        } else {
            mail.addHeader("In-Reply-To", threadId).addHeader("References", threadId);
        }
        // At least once: a send that fails or does not answer in time is sent again (a mail the server took but did
        // not acknowledge may arrive twice; its Message-ID or In-Reply-To says it is the same notification).
        io.smallrye.mutiny.Uni.createFrom().deferred(() -> {
                    tries.incrementAndGet();
                    return mailer.send(mail);
                })
                .ifNoItem().after(sendTimeout).fail()
                .onFailure().invoke(error -> span.failedTry(tries.get(), error.toString()))
                .onFailure().invoke(error -> LOG.warnf("Mail for %s (%s) not sent, tried again: %s",
                        notification.taskForce().id(), notification.id(), error))
                .onFailure().retry().withBackOff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2))
                .atMost(maxAttempts - 1L)
                .subscribe().with(
                        ok -> {
                            span.delivered(tries.get());
                            audit(notification, LifecycleAction.DELIVERED, null);
                        },
                        error -> {
                            span.failed(tries.get(), error.toString());
                            LOG.warnf("Mail for %s (%s) not sent after %d attempts: %s", notification.taskForce().id(),
                                    notification.id(), maxAttempts, error);
                            audit(notification, LifecycleAction.DELIVERY_FAILED, error.toString());
                        });
    }

    static String subject(Notification notification) {
        Alert first = notification.alerts().get(0);
        String more = notification.alerts().size() > 1 ? " (+" + (notification.alerts().size() - 1) + " more)" : "";
        String prefix = Notification.RESOLVED.equals(notification.status()) ? "Resolved: "
                : notification.sequence() > 1 ? (notification.repeat() ? "Reminder: " : "Update: ") : "";
        String flagged = first.getFlags().isEmpty() ? "" : "[" + first.getFlags().get(0).getKind() + "] ";
        return prefix + "[Waspada " + first.getSeverity() + "] " + flagged + first.getTitle() + more;
    }

    static String text(Notification notification) {
        return notification.alerts().stream()
                .map(a -> (notification.resolves(a) ? "RESOLVED: " : "") + a.getSeverity() + " " + a.getType() + " " + a.getAlertId() + " v" + a.getVersion()
                        + " (" + a.getHandling() + ")\n" + notices(a) + a.getTitle() + "\n" + a.getSummary()
                        + "\nEvidence held by: " + String.join(", ", a.getAgencies()) + "\n")
                .collect(Collectors.joining("\n", "Task force " + notification.taskForce().name() + "\n\n",
                        "\nOpen the Waspada console to act on these alerts.\n"));
    }

    /** The alert's jurisdiction flags, strictest first, before anything else about it. */
    private static String notices(Alert alert) {
        return FlagNotices.of(alert).stream().map(line -> "!! " + line + "\n").collect(Collectors.joining());
    }

    private void audit(Notification notification, LifecycleAction action, String detail) {
        for (Alert alert : notification.alerts()) {
            lifecycle.publish(alert, action, notification.taskForce().id(), CHANNEL, detail,
                    Map.of("notificationId", notification.id(), "sequence", Integer.toString(notification.sequence())));
        }
    }
}
