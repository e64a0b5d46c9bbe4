package io.waspada.notifier.delivery;

import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.tracing.PageSpan;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Posts signed notification bodies to task-force webhooks. Each receiver has its own queue (one thread), so a
 * slow or dead receiver never delays another; each try has the receiver's timeout; failures are retried with
 * exponential backoff and jitter for up to {@code waspada.webhook.retry-for} (a receiver down for minutes gets its
 * pages when it is back) or {@code max-attempts} tries, whichever ends first, then dead-lettered. Every try is a lifecycle event for every alert in the body.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    public static final String CHANNEL = "webhook";

    private final Map<String, ScheduledExecutorService> queues = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LifecyclePublisher lifecycle;
    private final DeadLetterLog deadLetters;
    private final Backoff backoff;
    private final Clock clock;

    @Inject
    public WebhookDelivery(LifecyclePublisher lifecycle, DeadLetterLog deadLetters, Clock clock,
            @ConfigProperty(name = "waspada.webhook.max-attempts", defaultValue = "100") int maxAttempts,
            @ConfigProperty(name = "waspada.webhook.retry-for", defaultValue = "PT1H") Duration retryFor,
            @ConfigProperty(name = "waspada.webhook.initial-backoff", defaultValue = "PT1S") Duration initial,
            @ConfigProperty(name = "waspada.webhook.max-backoff", defaultValue = "PT1M") Duration max) {
        this.lifecycle = lifecycle;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.backoff = new Backoff(initial, max, maxAttempts, retryFor);
    }

    /** Queues one body for the task force's webhook; {@code alerts} are the alertId:version pairs it carries. */
    public void send(TaskForce taskForce, String notificationId, List<AlertRef> alerts, String body,
            Runnable onDelivered) {
        send(taskForce, notificationId, alerts, body, onDelivered, PageSpan.NONE);
    }

    /** As above, as one span of the page's trace: the requests carry its context, failed tries are its events. */
    public void send(TaskForce taskForce, String notificationId, List<AlertRef> alerts, String body,
            Runnable onDelivered, PageSpan span) {
        TaskForce.Webhook webhook = taskForce.webhook().orElseThrow();
        Attempt attempt = new Attempt(taskForce, webhook, notificationId, alerts, body.getBytes(StandardCharsets.UTF_8),
                onDelivered, span);
        queue(taskForce.id()).execute(() -> attempt.run(1));
    }

    private ScheduledExecutorService queue(String receiver) {
        return queues.computeIfAbsent(receiver, id -> Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-" + id);
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** One body on its way to one receiver, across its tries. */
    private final class Attempt {
        final TaskForce taskForce;
        final TaskForce.Webhook webhook;
        final String notificationId;
        final List<AlertRef> alerts;
        final byte[] body;
        final String idempotencyKey;
        final Runnable onDelivered;
        final PageSpan span;
        /** When the first try was made: no retry is scheduled past {@code waspada.webhook.retry-for} after it. */
        java.time.Instant firstTry;

        Attempt(TaskForce taskForce, TaskForce.Webhook webhook, String notificationId, List<AlertRef> alerts,
                byte[] body, Runnable onDelivered, PageSpan span) {
            this.span = span;
            this.taskForce = taskForce;
            this.webhook = webhook;
            this.notificationId = notificationId;
            this.alerts = alerts;
            this.body = body;
            this.idempotencyKey = PageIdempotency.key(notificationId, body);
            this.onDelivered = onDelivered;
        }

        void run(int attempt) {
            if (firstTry == null) {
                firstTry = clock.instant();
            }
            String error = post(attempt);
            if (error == null) {
                audit(LifecycleAction.DELIVERED, attempt, null);
                span.delivered(attempt);
                onDelivered.run();
                return;
            }
            audit(LifecycleAction.DELIVERY_FAILED, attempt, error);
            span.failedTry(attempt, error);
            Duration elapsed = Duration.between(firstTry, clock.instant());
            java.util.Optional<Duration> retry = backoff.afterFailure(attempt, elapsed,
                    ThreadLocalRandom.current()::nextDouble);
            if (retry.isPresent()) {
                queue(taskForce.id()).schedule(() -> run(attempt + 1), retry.get().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            span.failed(attempt, error);
            DeadLetter letter = new DeadLetter(UUID.randomUUID().toString(), taskForce.id(), notificationId, alerts,
                    new String(body, StandardCharsets.UTF_8), attempt, error, clock.instant());
            try {
                deadLetters.add(letter);
                audit(LifecycleAction.DEAD_LETTERED, attempt, "dead letter " + letter.id() + ": " + error);
            } catch (RuntimeException e) {
                // The audit trail still shows the failed tries; the body is in the log for a manual resend.
                LOG.errorf(e, "Dead letter for %s not written; body: %s", taskForce.id(), letter.body());
            }
        }

        private String post(int attempt) {
            long timestamp = clock.instant().getEpochSecond(); // per attempt: a receiver refuses stale calls
            // One id per message: the same on every retry and replay of this body, a new one for the group's next send.
            String messageId = Signature.messageId(notificationId, body);
            HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                    .timeout(webhook.timeout())
                    .header("Content-Type", "application/json")
                    .header(Signature.ID, messageId)
                    .header(Signature.TIMESTAMP, Long.toString(timestamp))
                    .header(Signature.SIGNATURE, Signature.standard(webhook.secret(), messageId, timestamp, body))
                    .header(Signature.HEADER, Signature.sign(webhook.secret(), body))
                    .header(PageIdempotency.HEADER, idempotencyKey)
                    .header("X-Waspada-Notification", notificationId)
                    .header("X-Waspada-Attempt", Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            span.inject(request::header);
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return status / 100 == 2 ? null : "HTTP " + status;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (Exception e) {
                return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }

        private void audit(LifecycleAction action, int attempt, String detail) {
            for (AlertRef alert : alerts) {
                lifecycle.publish(alert.alertId(), alert.version(), action,
                        LifecyclePublisher.ACTOR, taskForce.id(), CHANNEL, detail,
                        Map.of("notificationId", notificationId, "attempt", Integer.toString(attempt),
                                "url", webhook.url().toString()));
            }
            if (action != LifecycleAction.DELIVERED) {
                LOG.warnf("Webhook %s for %s try %d: %s", action, taskForce.id(), attempt, detail);
            }
        }
    }

    @PreDestroy
    void close() {
        queues.values().forEach(ScheduledExecutorService::shutdownNow);
    }
}
