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
 * once the last one came: counted once per batch, written field by field.
 */
final class BatchAnswering implements EventWriter.Outcomes {

    private final BatchResource.ItemResult[] results;
    private final String[] eventIds;
    private final boolean[] interceptions;
    private final String agency;
    private final IngestMetrics metrics;
    private final ObjectMapper mapper;
    private final AtomicInteger waiting;
    private final CompletableFuture<Response> answer = new CompletableFuture<>();

    BatchAnswering(int items, String agency, IngestMetrics metrics, ObjectMapper mapper) {
        this.results = new BatchResource.ItemResult[items];
        this.eventIds = new String[items];
        this.interceptions = new boolean[items];
        this.agency = agency;
        this.metrics = metrics;
        this.mapper = mapper;
        this.waiting = new AtomicInteger(items);
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
        // The counter's update publishes the result to whichever thread counts down last.
        results[item.index()] = item;
        if (waiting.decrementAndGet() == 0) {
            try {
                answer.complete(response());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }

    CompletionStage<Response> answer() {
        if (results.length == 0) {
            answer.complete(response());
        }
        return answer;
    }

    private Response response() {
        List<BatchResource.ItemResult> items = Arrays.asList(results);
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
