package io.waspada.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.ingest.kafka.EventWriter;
import io.waspada.ingest.kafka.KafkaUnavailableException;
import io.waspada.ingest.kafka.WriteOutcome;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The items' answers as their writes settle (on the producer's acknowledgement thread, mostly), and the batch's
 * once the last one came: counted once per batch, written field by field. Items refused while the body is read are
 * answered before the batch knows how many items it has ({@link #expect}); the writes' answers come after.
 */
final class BatchAnswering implements EventWriter.Outcomes {

    private final BatchResource.ItemResult[] results;
    private final String[] eventIds;
    private final boolean[] interceptions;
    private final String agency;
    private final IngestMetrics metrics;
    private final ObjectMapper mapper;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Items answered before {@link #expect}: refused while reading. */
    private int answeredEarly;
    private volatile int count = -1;
    private final CompletableFuture<Response> answer = new CompletableFuture<>();

    /** Answers for up to {@code items} items. */
    BatchAnswering(int items, String agency, IngestMetrics metrics, ObjectMapper mapper) {
        this.results = new BatchResource.ItemResult[items];
        this.eventIds = new String[items];
        this.interceptions = new boolean[items];
        this.agency = agency;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /**
     * The body had {@code items} items, all read: the answer comes once each is answered (at once if every one was
     * refused). Before the writes begin.
     */
    void expect(int items) {
        count = items;
        if (waiting.addAndGet(items - answeredEarly) == 0) {
            answer.complete(response());
        }
    }

    void kind(int index, String kind) {
        interceptions[index] = "INTERCEPTION".equals(kind);
    }

    void writing(int index, String eventId) {
        eventIds[index] = eventId;
    }

    @Override
    public void settled(int index, WriteOutcome outcome, Throwable failure) {
        answered(failure == null ? written(index, eventIds[index], outcome) : failed(index, eventIds[index], failure));
    }

    void answered(BatchResource.ItemResult item) {
        results[item.index()] = item;
        if (count < 0) {
            answeredEarly++;
            return;
        }
        // The counter's update publishes the result to whichever thread counts down last.
        if (waiting.decrementAndGet() == 0) {
            try {
                answer.complete(response());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }

    CompletionStage<Response> answer() {
        return answer;
    }

    private Response response() {
        List<BatchResource.ItemResult> items = Arrays.asList(results).subList(0, count);
        int[][] answered = new int[2][IngestMetrics.OUTCOMES.size()];
        int accepted = 0;
        boolean unavailable = false;
        for (BatchResource.ItemResult item : items) {
            String outcome = Boolean.TRUE.equals(item.duplicate()) ? "duplicate" : IngestMetrics.outcomeOf(item.status());
            answered[interceptions[item.index()] ? 1 : 0][IngestMetrics.OUTCOMES.indexOf(outcome)]++;
            accepted += item.status() == 202 ? 1 : 0;
            unavailable |= item.status() == 503;
        }
        for (int kind = 0; kind < 2; kind++) {
            for (int outcome = 0; outcome < answered[kind].length; outcome++) {
                if (answered[kind][outcome] > 0) {
                    metrics.count(agency, kind == 1 ? "INTERCEPTION" : "SIGHTING", IngestMetrics.OUTCOMES.get(outcome),
                            answered[kind][outcome]);
                }
            }
        }
        Response.ResponseBuilder response = Response.ok(BatchAnswer.json(mapper, accepted, items),
                MediaType.APPLICATION_JSON_TYPE);
        if (unavailable) {
            response.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private static BatchResource.ItemResult written(int index, String eventId, WriteOutcome outcome) {
        if (outcome.conflict()) {
            return BatchResource.ItemResult.rejected(index, eventId, Problems.conflict(eventId));
        }
        return new BatchResource.ItemResult(index, eventId, 202, outcome.written().topic(), outcome.written().partition(),
                outcome.written().offset(), outcome.duplicate(), null);
    }

    private static BatchResource.ItemResult failed(int index, String eventId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        Problem problem = cause instanceof KafkaUnavailableException unavailable
                ? Problems.unavailable(unavailable.detail())
                : Problems.problem(500, "internal", "Internal error", "the event was not written; it is safe to resend", List.of());
        return BatchResource.ItemResult.rejected(index, eventId, problem);
    }
}
