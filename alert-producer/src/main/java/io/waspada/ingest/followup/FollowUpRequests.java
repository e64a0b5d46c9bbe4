package io.waspada.ingest.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpRequest;
import io.waspada.ingest.kafka.CompactedTopicReader;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The follow-up requests the notifier keeps on the compacted {@code tip.follow-ups.v1}, read from the beginning and
 * followed, so each agency is served its own; a tombstone (the notifier's retention) removes one. Replies written
 * through this service are claimed ({@link ReplyClaims}) until the notifier's new state arrives, so a second reply is
 * refused at once; a claim the notifier never answers lapses, so the agency can answer again.
 */
public final class FollowUpRequests implements AutoCloseable {

    private final Map<String, FollowUpRequest> requests = new ConcurrentHashMap<>();
    private final ReplyClaims claims;
    private final CompactedTopicReader<FollowUpRequest> reader;

    public FollowUpRequests(KafkaConnection kafka, ObjectMapper json, ReplyClaims claims) {
        this.claims = claims;
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
        this.reader = new CompactedTopicReader<>(kafka, Topics.FOLLOW_UPS.name(),
                Topics.FOLLOW_UPS.keySerde().deserializer(), values, "alert-producer-follow-ups", record -> {
                    if (record.value() == null) {
                        requests.remove(record.key());
                        claims.release(record.key());
                    } else {
                        // A write on a stale state (a notifier that lost the alert and did not know it yet) never
                        // reopens what an agency has answered: the join keeps everything either state knows.
                        FollowUpRequest state = requests.merge(record.key(), record.value(), FollowUpRequest::joined);
                        if (!state.open()) {
                            claims.release(record.key());
                        }
                    }
                });
    }

    public boolean awaitCaughtUp(Duration timeout) {
        return reader.awaitCaughtUp(timeout);
    }

    public String describe() {
        return reader.describe();
    }

    /** The request, only if {@code agency} owns it: another agency's request does not exist for the caller. */
    public Optional<FollowUpRequest> ownedBy(String agency, String requestId) {
        return Optional.ofNullable(requests.get(requestId)).filter(r -> agency.equals(r.agency()));
    }

    /** The agency's requests, newest first; only open ones when {@code openOnly}. */
    public List<FollowUpRequest> ownedBy(String agency, boolean openOnly) {
        return requests.values().stream().filter(r -> agency.equals(r.agency()))
                .filter(r -> !openOnly || takesReply(r))
                .sorted(NEWEST_FIRST).toList();
    }

    /** Newest first (askedAt), then by requestId: a total order, so a page's cursor is exact. */
    public static final Comparator<FollowUpRequest> NEWEST_FIRST = Comparator
            .comparing(FollowUpRequest::askedAt, Comparator.reverseOrder())
            .thenComparing(FollowUpRequest::requestId, Comparator.reverseOrder());

    /** Whether the request can still take a reply: open, and no reply sent through this service still claims it. */
    public boolean takesReply(FollowUpRequest request) {
        return request.open() && !claims.held(request.requestId());
    }

    /** Claims the request for one reply; false if a claim holds already. */
    public boolean claim(String requestId) {
        return claims.claim(requestId);
    }

    /** Gives a claim back (the reply was not written). */
    public void release(String requestId) {
        claims.release(requestId);
    }

    @Override
    public void close() {
        reader.close();
    }
}
