package io.waspada.ingest.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code waspada_ingest_events_total{agency, kind, outcome}}: every event and watchlist change the API answered, by
 * calling agency, kind (SIGHTING, INTERCEPTION, WATCHLIST) and outcome (accepted, duplicate, invalid, forbidden,
 * conflict, unavailable).
 */
// Created at start, so every series is exported (at zero) before the first request.
@Startup
@ApplicationScoped
public class IngestMetrics {

    public static final List<String> KINDS = List.of("SIGHTING", "INTERCEPTION", "WATCHLIST");
    public static final List<String> OUTCOMES = List.of("accepted", "duplicate", "invalid", "forbidden", "conflict", "unavailable");

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public IngestMetrics(MeterRegistry registry, @ConfigProperty(name = "waspada.agencies") Set<String> agencies) {
        for (String agency : agencies) {
            for (String kind : KINDS) {
                for (String outcome : OUTCOMES) {
                    counters.put(agency + "/" + kind + "/" + outcome, Counter.builder("waspada.ingest.events")
                            .description("Events and watchlist changes answered by the ingest API")
                            .tag("agency", agency).tag("kind", kind).tag("outcome", outcome).register(registry));
                }
            }
        }
    }

    /** Counts one answer to {@code agency}; only configured agencies, kinds and outcomes have a series. */
    public void count(String agency, String kind, String outcome) {
        count(agency, kind, outcome, 1);
    }

    /** Counts {@code answers} answers alike (a batch counts once per kind and outcome, not once per item). */
    public void count(String agency, String kind, String outcome, int answers) {
        Counter counter = counters.get(agency + "/" + kind + "/" + outcome);
        if (counter != null) {
            counter.increment(answers);
        }
    }

    /** The outcome name of a status code (202 accepted; the duplicate case is counted by the caller). */
    public static String outcomeOf(int status) {
        return switch (status) {
            case 202 -> "accepted";
            case 403 -> "forbidden";
            case 409 -> "conflict";
            case 503 -> "unavailable";
            default -> "invalid";
        };
    }
}
