package io.waspada.notifier.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.kafka.TopicFollower;
import io.waspada.notifier.kafka.Readers;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The agencies' replies this instance has read and not seen applied yet. Every instance reads the whole of
 * {@code tip.follow-up-answers.v1} (a low-volume topic; no consumer group, from the beginning at every start), so
 * whichever instance owns a request's alert has every reply to it: it applies one as soon as it reads it, and on every
 * deadline tick it applies those of alerts it has taken over since (a rebalance or a crash never strands a reply). A
 * reply leaves when the request's state shows its answerId handled, by this instance or another, so one applied before
 * a restart is not applied again. A reply to a request this instance does not know is kept for
 * {@value #UNKNOWN_MINUTES} minutes (the request may not be read yet), then dropped. Poison records are skipped here:
 * {@link FollowUpAnswerIntake} dead-letters them once for the service.
 */
@ApplicationScoped
public class FollowUpReplies {

    private static final Logger LOG = Logger.getLogger(FollowUpReplies.class);
    static final int UNKNOWN_MINUTES = 5;
    /** Replies held at most (the oldest leave first, with a warning). */
    static final int HELD = 10_000;

    private record Held(FollowUpAnswer reply, Instant seen) {
    }

    /** By answerId, in the order read (a request's replies are in one partition: the first one read wins). */
    private final Map<String, Held> pending = new LinkedHashMap<>();

    @Inject
    Readers readers;
    @Inject
    ObjectMapper json;
    @Inject
    FollowUps followUps;
    @Inject
    Clock clock;

    private TopicFollower<String, FollowUpAnswer> follower;

    /** Reads every reply on the topic (applying those of alerts this instance owns), then follows it. */
    public void start(Duration timeout) throws InterruptedException {
        org.apache.kafka.common.serialization.Deserializer<FollowUpAnswer> lenient = new Lenient();
        follower = readers.follow(Topics.FOLLOW_UP_ANSWERS, lenient, "notifier-follow-up-replies", record -> {
            if (record.value() != null && record.value().requestId().equals(record.key())) {
                hold(record.value());
            }
        });
        if (!follower.awaitCaughtUp(timeout)) {
            LOG.warnf("Follow-up replies not all read within %s: reading on", timeout);
        }
    }

    private void hold(FollowUpAnswer reply) {
        List<FollowUpAnswer> sameRequest = new ArrayList<>();
        synchronized (pending) {
            pending.putIfAbsent(reply.answerId(), new Held(reply, clock.instant()));
            if (pending.size() > HELD) {
                String oldest = pending.keySet().iterator().next();
                LOG.warnf("More than %d follow-up replies held: %s dropped here", HELD, oldest);
                pending.remove(oldest);
            }
            // Replies to this request held from before (read while another instance owned its alert) go first: the
            // first reply read wins, whoever owns the alert when the next one arrives.
            pending.values().stream().filter(h -> h.reply().requestId().equals(reply.requestId()))
                    .forEach(h -> sameRequest.add(h.reply()));
        }
        for (FollowUpAnswer one : sameRequest) {
            if (offer(one) != FollowUps.Outcome.DONE) {
                return;
            }
        }
    }

    /** Offers every reply held to {@link FollowUps#offer}, oldest first; how many are still held. */
    public int retry() {
        List<Held> held;
        synchronized (pending) {
            held = new ArrayList<>(pending.values());
        }
        Instant now = clock.instant();
        for (Held one : held) {
            FollowUps.Outcome outcome = offer(one.reply());
            if (outcome == FollowUps.Outcome.UNKNOWN && one.seen().plus(Duration.ofMinutes(UNKNOWN_MINUTES))
                    .isBefore(now)) {
                LOG.warnf("Follow-up reply %s for unknown request %s dropped", one.reply().answerId(),
                        one.reply().requestId());
                forget(one.reply());
            }
        }
        synchronized (pending) {
            return pending.size();
        }
    }

    private FollowUps.Outcome offer(FollowUpAnswer reply) {
        try {
            FollowUps.Outcome outcome = followUps.offer(reply);
            if (outcome == FollowUps.Outcome.DONE) {
                forget(reply);
            }
            return outcome;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Follow-up reply %s not applied yet; tried again at the next tick", reply.answerId());
            return FollowUps.Outcome.NOT_MINE;
        }
    }

    private void forget(FollowUpAnswer reply) {
        synchronized (pending) {
            pending.remove(reply.answerId());
        }
    }

    /** The replies held now (tests, ops). */
    public int held() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** A reply's JSON, or null for anything else (the intake dead-letters those). */
    private final class Lenient implements org.apache.kafka.common.serialization.Deserializer<FollowUpAnswer> {
        @Override
        public FollowUpAnswer deserialize(String topic, byte[] bytes) {
            return FollowUpReplyCheck.of(json, bytes).reply();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (follower != null) {
            readers.stop(follower);
        }
    }
}
