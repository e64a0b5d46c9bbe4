package io.waspada.notifier.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.routing.Silence;
import io.waspada.notifier.routing.SilenceRules;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences, kept on the compacted {@code tip.silences.v1} (JSON values) and mirrored in memory by reading the
 * topic from the beginning, so they survive restarts. {@link #save} returns once the broker has the silence.
 */
@ApplicationScoped
public class SilenceLog {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SilenceLog.class);

    private final CompactedJsonTable<Silence> silences;
    private final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private SilenceRules rules = SilenceRules.DEFAULT;

    /** The rules a stored silence must pass to mute anything (the configured ones; the defaults without CDI). */
    @Inject
    void rules(SilenceRules configured) {
        this.rules = configured;
    }

    @Inject
    public SilenceLog(ObjectMapper json, KafkaConnection kafka, Readers readers) {
        this.silences = new CompactedJsonTable<>(Topics.SILENCES, Silence.class, json, kafka, readers,
                "notifier-silences");
    }

    /** Reads every silence on the topic, then follows it. */
    public void start(Duration timeout) throws InterruptedException {
        silences.start(timeout);
    }

    public Silence save(Silence silence) {
        silences.put(silence.id(), silence);
        return silence;
    }

    public Optional<Silence> get(String id) {
        return silences.get(id);
    }

    public List<Silence> all() {
        return silences.values().stream().sorted(Comparator.comparing(Silence::startsAt)).toList();
    }

    /**
     * The first national silence active at {@code now} that mutes these labels for every task force. A stored silence
     * that breaks the rules (made before them, or written to the topic by hand) mutes nothing, and is said so once.
     */
    public Optional<Silence> muting(Map<String, String> labels, Instant now) {
        return silences.values().stream().filter(s -> s.national() && s.activeAt(now) && allowed(s))
                .filter(s -> s.mutes(labels, now)).findFirst();
    }

    /** The first silence, national or scoped to {@code taskForce}, that mutes these labels for that task force. */
    public Optional<Silence> muting(Map<String, String> labels, Instant now, String taskForce) {
        return silences.values().stream().filter(s -> s.appliesTo(taskForce) && s.activeAt(now) && allowed(s))
                .filter(s -> s.mutes(labels, now)).findFirst();
    }

    private boolean allowed(Silence silence) {
        SilenceRules.Problem problem = rules.check(silence);
        if (problem != null && refused.add(silence.id())) {
            LOG.warnf("Silence %s by %s mutes nothing: %s", silence.id(), silence.createdBy(), problem.detail());
        }
        return problem == null;
    }

    @PreDestroy
    void close() throws InterruptedException {
        silences.close();
    }
}
