package io.waspada.notifier.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.delivery.DeadLetter;
import io.waspada.notifier.delivery.DeadLetterLog;
import io.waspada.notifier.ops.OpsOverview.DeadLetterReason;
import io.waspada.notifier.ops.OpsOverview.DlqFigures;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Samples the platform for the ops page every {@code waspada.ops.sample-interval} on one background thread: the
 * cluster (Admin client), the DLQ tails, the services' health, the rule hits; keeps the latest {@link OpsOverview}
 * and tells listeners (the gauges). A failing sample is logged and shown in {@code errors}, never fatal.
 */
@ApplicationScoped
public class OpsSampler {

    private static final Logger LOG = Logger.getLogger(OpsSampler.class);

    private final AtomicReference<OpsOverview> latest = new AtomicReference<>();
    private final List<Consumer<OpsOverview>> listeners = new CopyOnWriteArrayList<>();
    private final KafkaConnection kafka;
    private final Duration interval;
    private final Duration timeout;
    private final int reasons;
    private final ServiceHealthProbe health;
    private final RuleHits ruleHits;
    private final DeadLetterLog deliveryDeadLetters;
    private final Clock clock;
    private ClusterSampler cluster;
    private ScheduledExecutorService thread;
    private Admin admin;
    private DlqTail dlqTail;

    @Inject
    public OpsSampler(KafkaConnection kafka,
            @ConfigProperty(name = "waspada.ops.sample-interval", defaultValue = "PT5S") Duration interval,
            @ConfigProperty(name = "waspada.ops.timeout", defaultValue = "PT3S") Duration timeout,
            @ConfigProperty(name = "waspada.ops.dlq-reasons", defaultValue = "10") int reasons,
            @ConfigProperty(name = "waspada.ops.services") String services,
            ObjectMapper json, RuleHits ruleHits, DeadLetterLog deliveryDeadLetters, Clock clock) {
        this.kafka = kafka;
        this.interval = interval;
        this.timeout = timeout;
        this.reasons = reasons;
        this.health = new ServiceHealthProbe(ServiceHealthProbe.parse(services), timeout, json);
        this.ruleHits = ruleHits;
        this.deliveryDeadLetters = deliveryDeadLetters;
        this.clock = clock;
        latest.set(OpsOverview.empty(ruleHits.lastHour()));
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "notifier-ops",
                // Each question has its own deadline (waspada.ops.timeout); the client must not retry past it.
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())));
        dlqTail = new DlqTail(kafka, Topics.DLQ.name(), reasons);
        cluster = new ClusterSampler(Topics.ALL.stream().map(Topic::name).toList());
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sampler = new Thread(runnable, "ops-sampler");
            sampler.setDaemon(true);
            return sampler;
        });
        thread.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest sample (an empty one before the first). */
    public OpsOverview latest() {
        return latest.get();
    }

    /** Called on the sampler thread after every sample. */
    public void onSample(Consumer<OpsOverview> listener) {
        listeners.add(listener);
    }

    private void sampleQuietly() {
        try {
            OpsOverview overview = sample();
            latest.set(overview);
            listeners.forEach(listener -> listener.accept(overview));
        } catch (RuntimeException e) {
            LOG.warn("Ops sample failed", e);
            OpsOverview previous = latest.get();
            latest.set(new OpsOverview(previous.sampledAt(), previous.sampleIntervalSeconds(), previous.sampleMillis(),
                    previous.topics(), previous.groups(), previous.dlq(), ruleHits.lastHour(), previous.services(),
                    List.of("sample failed: " + e)));
        }
    }

    private OpsOverview sample() {
        List<String> errors = new CopyOnWriteArrayList<>();
        Instant now = clock.instant();
        long started = System.nanoTime();
        ClusterSampler.Figures figures = cluster.sample(new BrokerQueries(admin, timeout, errors::add), now);
        List<DlqFigures> dlq = List.of(platformDlq(figures, errors), deliveryDlq());
        List<OpsOverview.ServiceHealth> services = health.probe();
        errors.forEach(error -> LOG.debugf("Ops sample: %s", error));
        return new OpsOverview(now, interval.toNanos() / 1e9, (System.nanoTime() - started) / 1_000_000,
                figures.topics(), figures.groups(), dlq, ruleHits.lastHour(), services, new ArrayList<>(errors));
    }

    private DlqFigures platformDlq(ClusterSampler.Figures figures, List<String> errors) {
        String topic = Topics.DLQ.name();
        List<DeadLetterReason> latestReasons = List.of();
        try {
            latestReasons = dlqTail.latest(figures.earliest(), figures.ends(), timeout);
        } catch (RuntimeException e) {
            errors.add("reading " + topic + ": " + e.getMessage());
        }
        return new DlqFigures(topic, figures.held().getOrDefault(topic, 0L), latestReasons);
    }

    /** Webhook dead letters: the compacted topic's live entries (replayed ones are gone), newest first. */
    private DlqFigures deliveryDlq() {
        List<DeadLetter> letters = deliveryDeadLetters.all();
        List<DeadLetterReason> newest = letters.stream().sorted(Comparator.comparing(DeadLetter::deadAt).reversed())
                .limit(reasons).map(letter -> new DeadLetterReason(letter.deadAt(), "WEBHOOK_FAILED",
                        letter.receiver() + " " + letter.notificationId(),
                        letter.attempts() + " attempts, last: " + letter.lastError())).toList();
        return new DlqFigures(Topics.DELIVERY_DLQ.name(), letters.size(), newest);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(ClientTimeouts.THREAD_EXIT.toMillis(), TimeUnit.MILLISECONDS);
            dlqTail.close();
            admin.close(ClientTimeouts.CLOSE);
        }
    }
}
