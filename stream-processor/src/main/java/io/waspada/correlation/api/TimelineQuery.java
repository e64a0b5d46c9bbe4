package io.waspada.correlation.api;

import io.waspada.avro.Handling;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.streams.CorrelationTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries on the evidence and episode stores: which instance owns a token, and the token's
 * timeline when it is this one. Read-only; answers from the local state of the owning instance.
 */
@ApplicationScoped
public class TimelineQuery {

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    Optional<String> applicationServer;

    /** The owner of the token's state, or empty when it is this instance (or only one instance exists). */
    public Optional<HostInfo> remoteOwner(String token) {
        if (applicationServer.isEmpty()) {
            return Optional.empty(); // no endpoint advertised: a single instance owning every key
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(CorrelationTopology.EVIDENCE_STORE,
                CorrelationKey.token(token).asString(), Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new IllegalStateException("The correlation state is not available yet (rebalancing)");
        }
        HostInfo owner = metadata.activeHost();
        if (owner.equals(HostInfo.buildFromEndpoint(applicationServer.get()))) {
            return Optional.empty();
        }
        return Optional.of(owner);
    }

    /** What an investigator may see of a token's timeline, and how many items were held back from them. */
    public record Answer(Timeline timeline, int withheld) {
    }

    /**
     * The token's timeline from this instance's state, keeping only evidence whose handling code the investigator is
     * cleared for, and only alerts whose handling code (the most restrictive of their evidence) they are cleared for.
     */
    public Answer localFor(String token, Investigator investigator) {
        Timeline all = local(token);
        List<Timeline.Entry> events = all.events().stream()
                .filter(entry -> investigator.clearedFor(Handling.valueOf(entry.handling()))).toList();
        List<Timeline.OpenAlert> alerts = all.alerts().stream()
                .filter(alert -> investigator.clearedFor(Handling.valueOf(alert.handling()))).toList();
        int withheld = all.events().size() - events.size() + all.alerts().size() - alerts.size();
        return new Answer(new Timeline(all.token(), all.servedBy(), events, alerts), withheld);
    }

    public Timeline local(String token) {
        String key = CorrelationKey.token(token).asString();
        ReadOnlyWindowStore<String, Observation> evidence = streams.store(StoreQueryParameters.fromNameAndType(
                CorrelationTopology.EVIDENCE_STORE, QueryableStoreTypes.<String, Observation>windowStore()));
        List<Observation> stored = new ArrayList<>();
        // Everything the store still keeps for the token (expired segments are not returned), in event-time order.
        try (WindowStoreIterator<Observation> entries = evidence.fetch(key, Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE))) {
            entries.forEachRemaining(entry -> stored.add(entry.value));
        }
        // A token not seen since an upgrade may still sit in the first generation's store.
        ReadOnlyKeyValueStore<String, List<Observation>> legacy = streams.store(StoreQueryParameters.fromNameAndType(
                CorrelationTopology.LEGACY_EVIDENCE_STORE, QueryableStoreTypes.<String, List<Observation>>keyValueStore()));
        List<Observation> old = legacy.get(key);
        if (old != null) {
            stored.addAll(old);
        }
        List<Timeline.Entry> events = new ArrayList<>();
        stored.stream().sorted(Comparator.comparingLong(Observation::observedAt).thenComparing(Observation::eventId))
                .forEach(observation -> events.add(Timeline.Entry.of(observation)));
        ReadOnlyKeyValueStore<String, List<Episode>> episodes = streams.store(StoreQueryParameters.fromNameAndType(
                CorrelationTopology.EPISODE_STORE, QueryableStoreTypes.<String, List<Episode>>keyValueStore()));
        List<Timeline.OpenAlert> alerts = new ArrayList<>();
        List<Episode> open = episodes.get(key);
        if (open != null) {
            for (Episode episode : open) {
                String alertId = AlertComposer.alertId(episode.rule(), CorrelationKey.token(token), episode.anchor());
                alerts.add(Timeline.OpenAlert.of(alertId, episode));
            }
        }
        return new Timeline(token, applicationServer.orElse("local"), events, alerts);
    }
}
