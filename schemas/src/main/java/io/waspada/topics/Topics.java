package io.waspada.topics;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.schemas.AvroSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the platform's contract, with its key/value serdes and how it is created. */
public final class Topics {

    // 35 days: the longest rule window (sighting/interception link, 30 days) plus a margin for replays.
    private static final Duration EVENT_RETENTION = Duration.ofDays(35);

    public static final Topic<String, Sighting> SIGHTINGS = new Topic<>("tip.sightings.v1",
            Serdes.String(), AvroSerdes.SIGHTING, TopicSpec.deleteAfter(6, EVENT_RETENTION));

    public static final Topic<String, Interception> INTERCEPTIONS = new Topic<>("tip.interceptions.v1",
            Serdes.String(), AvroSerdes.INTERCEPTION, TopicSpec.deleteAfter(6, EVENT_RETENTION));

    /** Keyed by entry id; a null value removes the entry. */
    public static final Topic<String, WatchlistEntry> WATCHLIST = new Topic<>("tip.watchlist.v1",
            Serdes.String(), AvroSerdes.WATCHLIST_ENTRY, TopicSpec.compacted(3));

    /** Every version of every alert, keyed by alertId; the notifier rebuilds its view from it. */
    public static final Topic<String, Alert> ALERTS = new Topic<>("tip.alerts.v1",
            Serdes.String(), AvroSerdes.ALERT, TopicSpec.deleteAfter(6, Duration.ofDays(365)));

    /** The audit trail: kept forever. */
    public static final Topic<String, AlertLifecycleEvent> ALERT_LIFECYCLE = new Topic<>("tip.alert-lifecycle.v1",
            Serdes.String(), AvroSerdes.ALERT_LIFECYCLE, TopicSpec.deleteAfter(6, Duration.ofMillis(-1)));

    /** Undecodable or unprocessable records, as they came, with error headers. */
    public static final Topic<byte[], byte[]> DLQ = new Topic<>("tip.dlq.v1",
            Serdes.ByteArray(), Serdes.ByteArray(), TopicSpec.deleteAfter(1, Duration.ofDays(30)));

    /**
     * Notifier silences, keyed by silence id, values JSON strings
     * ({@code {id, matchers[], startsAt, endsAt, createdBy, comment, updatedAt}}); compacted, so the latest state of
     * every silence survives restarts. Expiring a silence rewrites it with {@code endsAt} = now.
     */
    public static final Topic<String, String> SILENCES = new Topic<>("tip.silences.v1",
            Serdes.String(), Serdes.String(), TopicSpec.compacted(1));

    /**
     * Notifier webhook dead letters, keyed by dead-letter id, values JSON strings (receiver, notification payload,
     * attempts, last error); compacted: a replayed dead letter is removed with a tombstone.
     */
    public static final Topic<String, String> DELIVERY_DLQ = new Topic<>("tip.delivery-dlq.v1",
            Serdes.String(), Serdes.String(), TopicSpec.compacted(1));

    /**
     * Who read which person's data, kept forever: one JSON record per query of personal evidence, keyed by the actor
     * ({@code {id, at, service, actor, taskForce, action, subject, cleared[], shown, withheld, outcome}}), written
     * (acks=all) before the answer leaves the service; and the notifier's silences made and expired ({@code action}
     * silence.create/silence.expire, with {@code scope} and {@code detail}), before they count. Ops may read it.
     */
    public static final Topic<String, String> ACCESS_AUDIT = new Topic<>("tip.access-audit.v1",
            Serdes.String(), Serdes.String(), TopicSpec.deleteAfter(3, Duration.ofMillis(-1)));

    /**
     * What a pseudonymisation key rotation links: keyed by an identifier's token under the new key, values JSON strings
     * ({@code {token, keyId, previousToken, previousKeyId}}) naming its token under the key it replaced. The
     * stream-processor writes a link (exactly-once, with the event that showed both tokens) and correlates on the
     * oldest token of each chain, so evidence, alert identity and watchlist entries carry across a rotation.
     * Compacted: one record per token, kept for as long as the identifier may come again.
     */
    public static final Topic<String, String> TOKEN_LINKS = new Topic<>("tip.token-links.v1",
            Serdes.String(), Serdes.String(), TopicSpec.compacted(3));

    /**
     * Follow-up requests (an officer asks the agency that owns a piece of evidence), keyed by requestId, values JSON
     * strings ({@code io.waspada.followup.FollowUpRequest}: the request's whole state, with only the alert context the
     * agency needs); compacted. Written only by the notifier; the alert-producer reads it to serve each agency its own.
     */
    public static final Topic<String, String> FOLLOW_UPS = new Topic<>("tip.follow-ups.v1",
            Serdes.String(), Serdes.String(), TopicSpec.compacted(1));

    /**
     * Agencies' answers to and refusals of follow-up requests, keyed by requestId, values JSON strings
     * ({@code io.waspada.followup.FollowUpAnswer}); written by the alert-producer (acks=all, idempotent), applied once by
     * the notifier (read_committed): an answer to a closed request is ignored and audited.
     */
    public static final Topic<String, String> FOLLOW_UP_ANSWERS = new Topic<>("tip.follow-up-answers.v1",
            Serdes.String(), Serdes.String(), TopicSpec.deleteAfter(1, Duration.ofDays(90)));

    /**
     * The correlation rules as data, every version of every rule: keyed by the rule id (its current version) and by
     * {@code <id>@<version>} (each version, kept for good, so the history survives compaction); values JSON strings
     * ({@code {rule, version, mode, activeFrom, source, author, appliedAt, reason, previousVersion}}). Written only by
     * the stream-processor's rules admin API; every instance reads it whole and switches at {@code activeFrom}
     * (event time). Compacted, one partition: a rule's versions are read in the order they were written.
     */
    public static final Topic<String, String> RULES = new Topic<>("tip.rules.v1",
            Serdes.String(), Serdes.String(), TopicSpec.compacted(1));

    /** Created at platform start, in this order. */
    public static final List<Topic<?, ?>> ALL = List.of(SIGHTINGS, INTERCEPTIONS, WATCHLIST, ALERTS, ALERT_LIFECYCLE, DLQ,
            SILENCES, DELIVERY_DLQ, ACCESS_AUDIT, TOKEN_LINKS, FOLLOW_UPS, FOLLOW_UP_ANSWERS,
            RULES);

    private Topics() {
    }
}
