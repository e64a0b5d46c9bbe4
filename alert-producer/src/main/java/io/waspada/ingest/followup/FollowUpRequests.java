package io.waspada.ingest.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpRequest;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.TopicFollower;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The follow-up requests the notifier keeps on the compacted {@code tip.follow-ups.v1}, read from the beginning and
 * followed, so each agency is served its own. Replies written through this service are remembered until the
 * notifier's new state arrives, so a second reply is refused at once.
 */
public final class FollowUpRequests implements AutoCloseable {

    private final Map<String, FollowUpRequest> requests = new ConcurrentHashMap<>();
    private final Set<String> replied = ConcurrentHashMap.newKeySet();
    private final TopicFollower<String, FollowUpRequest> follower;

    public FollowUpRequests(KafkaConnection kafka, ObjectMapper json) {
        Deserializer<FollowUpRequest> values = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return json.readValue(new String(bytes, StandardCharsets.UTF_8), FollowUpRequest.class);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("undecodable follow-up request: " + e.getMessage(), e);
            }
        };
        this.follower = TopicFollower.of(kafka, Topics.FOLLOW_UPS.name(), Topics.FOLLOW_UPS.keySerde().deserializer(),
                values).clientId("alert-producer-follow-ups").start(record -> {
                    if (record.value() == null) {
                        requests.remove(record.key());
                    } else {
                        requests.put(record.key(), record.value());
                        if (!record.value().open()) {
                            replied.remove(record.key());
                        }
                    }
                });
    }

    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return follower.awaitCaughtUp(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String describe() {
        return follower.describe();
    }

    /** The request, only if {@code agency} owns it: another agency's request does not exist for the caller. */
    public Optional<FollowUpRequest> ownedBy(String agency, String requestId) {
        return Optional.ofNullable(requests.get(requestId)).filter(r -> agency.equals(r.agency()));
    }

    /** The agency's requests, newest first; only open ones when {@code openOnly}. */
    public List<FollowUpRequest> ownedBy(String agency, boolean openOnly) {
        return requests.values().stream().filter(r -> agency.equals(r.agency()))
                .filter(r -> !openOnly || (r.open() && !replied.contains(r.requestId())))
                .sorted(Comparator.comparing(FollowUpRequest::askedAt).reversed()).toList();
    }

    /** Whether the request can still take a reply: open, and none sent through this service yet. */
    public boolean takesReply(FollowUpRequest request) {
        return request.open() && !replied.contains(request.requestId());
    }

    /** Claims the request for one reply; false if one was claimed already. */
    public boolean claim(String requestId) {
        return replied.add(requestId);
    }

    /** Gives a claim back (the reply was not written). */
    public void release(String requestId) {
        replied.remove(requestId);
    }

    @Override
    public void close() {
        try {
            follower.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
