package io.waspada.notifier.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.i18n.AlertTexts;
import io.waspada.notifier.i18n.Catalogue;
import io.waspada.notifier.i18n.Language;
import io.waspada.notifier.i18n.OfficerZone;
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
 * It is written in the task force's language ({@code language:} in the routing file), times in its time zone.
 */
@ApplicationScoped
public class EmailDelivery {

    public static final String CHANNEL = "email";
    private static final Logger LOG = Logger.getLogger(EmailDelivery.class);
    private static final Catalogue CATALOGUE = Catalogue.get();
    private static final AlertTexts TEXTS = new AlertTexts(CATALOGUE);

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

    /** The subject in the task force's language: the first alert's localized title, how many more, and why it comes. */
    static String subject(Notification notification) {
        Language language = notification.taskForce().language();
        Alert first = notification.alerts().get(0);
        String key = Notification.RESOLVED.equals(notification.status()) ? "email.subject.resolved"
                : notification.sequence() > 1 ? (notification.repeat() ? "email.subject.reminder" : "email.subject.update")
                : "email.subject.first";
        // The strictest jurisdiction flag first: whoever reads only the subject still learns what not to do.
        String flagged = first.getFlags().isEmpty() ? "" : "[" + first.getFlags().get(0).getKind() + "] ";
        String subject = CATALOGUE.text(language, key,
                "severity", CATALOGUE.text(language, "common.severity." + first.getSeverity()),
                "title", flagged + TEXTS.title(first, language));
        int more = notification.alerts().size() - 1;
        return more > 0 ? subject + " " + CATALOGUE.text(language, "email.subject.more", "count", more) : subject;
    }

    /** The body in the task force's language, times in its time zone. */
    static String text(Notification notification) {
        Language language = notification.taskForce().language();
        OfficerZone zone = notification.taskForce().zone();
        return notification.alerts().stream()
                .map(a -> CATALOGUE.text(language, notification.resolves(a) ? "email.body.alert.resolved" : "email.body.alert",
                        "severity", CATALOGUE.text(language, "common.severity." + a.getSeverity()), "type", a.getType(),
                        "alertId", a.getAlertId(), "version", a.getVersion(), "handling", a.getHandling())
                        + "\n" + notices(a, language) + TEXTS.title(a, language) + "\n" + TEXTS.summary(a, language, zone)
                        + "\n" + CATALOGUE.text(language, "email.body.evidence", "agencies", String.join(", ", a.getAgencies()))
                        + "\n")
                .collect(Collectors.joining("\n",
                        CATALOGUE.text(language, "email.body.taskForce", "name", notification.taskForce().name()) + "\n\n",
                        "\n" + CATALOGUE.text(language, "email.body.times", "zone", CATALOGUE.text(language,
                                "common.zone." + zone.abbreviation())) + "\n"
                                + CATALOGUE.text(language, "email.body.footer") + "\n"));
    }

    /** The alert's jurisdiction flags, strictest first, before anything else about it. */
    private static String notices(Alert alert, Language language) {
        return FlagNotices.of(alert, language).stream().map(line -> "!! " + line + "\n").collect(Collectors.joining());
    }

    private void audit(Notification notification, LifecycleAction action, String detail) {
        for (Alert alert : notification.alerts()) {
            lifecycle.publish(alert, action, notification.taskForce().id(), CHANNEL, detail,
                    Map.of("notificationId", notification.id(), "sequence", Integer.toString(notification.sequence())));
        }
    }
}
