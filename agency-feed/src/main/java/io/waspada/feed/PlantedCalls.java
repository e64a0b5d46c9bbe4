package io.waspada.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Posts the calls of planted patterns in event-time order, each after the answer to the previous one (so a
 * watchlist sighting follows its acknowledged watchlist change), and records every answer: the feed's counts,
 * the planted failures (anything but 202), and the {@link PlantedLog} with send and answer times.
 */
final class PlantedCalls {

    private final IngestClient client;
    private final FeedCounts counts;
    private final PlantedLog log;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    PlantedCalls(IngestClient client, FeedCounts counts, PlantedLog log) {
        this.client = client;
        this.counts = counts;
        this.log = log;
    }

    /** Posts every step of {@code patterns} one after another in event-time order; completes after the last answer. */
    CompletableFuture<Void> inOrder(int round, List<Planted> patterns) {
        record Call(Planted pattern, Step step) {
        }
        List<Call> calls = patterns.stream().flatMap(p -> p.steps().stream().map(s -> new Call(p, s)))
                .sorted(Comparator.comparing(c -> c.step().at())).toList();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Call call : calls) {
            chain = chain.thenCompose(ignored -> post(round, call.pattern().pattern(), call.step()));
        }
        return chain;
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private CompletableFuture<Void> post(int round, String pattern, Step step) {
        String method;
        String path;
        ObjectNode body;
        if (step instanceof Step.Event event) {
            if (event.observedNow()) {
                event.body().put("observedAt", Instant.now().toString());
            }
            counts.posted.incrementAndGet();
            method = "POST";
            path = AgencyFeed.pathOf(event.kind());
            body = event.body();
        } else if (step instanceof Step.WatchlistPut put) {
            method = "PUT";
            path = "/api/v1/watchlist/" + put.entryId();
            body = put.body();
        } else {
            method = "DELETE";
            path = "/api/v1/watchlist/" + ((Step.WatchlistDelete) step).entryId();
            body = null;
        }
        Instant sentAt = Instant.now();
        return client.send(method, step.agency(), path, body)
                .handle((response, error) -> {
                    answered(round, pattern, method, path, step, body, sentAt, response);
                    return null;
                });
    }

    private void answered(int round, String pattern, String method, String path, Step step, ObjectNode body,
            Instant sentAt, HttpResponse<String> response) {
        Instant answeredAt = Instant.now();
        int status = response == null ? -1 : response.statusCode();
        if (step instanceof Step.Event event) {
            counts.record(status, event.eventId());
        }
        if (status != 202) {
            failures.add(step.getClass().getSimpleName() + " by " + step.agency() + " (" + pattern + "): HTTP " + status
                    + (response == null ? "" : " " + response.body()));
        }
        log.record(round, pattern, method, path, step, body, sentAt, answeredAt, status);
    }
}
