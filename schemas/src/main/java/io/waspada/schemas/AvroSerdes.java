package io.waspada.schemas;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;

/**
 * One shared serde per record type (thread-safe, holding the released schemas), and no-arg classes
 * for places that name a serializer by class, such as SmallRye's {@code value.deserializer}.
 */
public final class AvroSerdes {

    public static final AvroSerde<Sighting> SIGHTING = new SightingSerde();
    public static final AvroSerde<Interception> INTERCEPTION = new InterceptionSerde();
    public static final AvroSerde<WatchlistEntry> WATCHLIST_ENTRY = new WatchlistEntrySerde();
    public static final AvroSerde<Alert> ALERT = new AlertSerde();
    public static final AvroSerde<AlertLifecycleEvent> ALERT_LIFECYCLE = new AlertLifecycleEventSerde();

    private AvroSerdes() {
    }

    public static final class SightingSerde extends AvroSerde<Sighting> {
        public SightingSerde() {
            super(Sighting.class);
        }
    }

    public static final class InterceptionSerde extends AvroSerde<Interception> {
        public InterceptionSerde() {
            super(Interception.class);
        }
    }

    public static final class WatchlistEntrySerde extends AvroSerde<WatchlistEntry> {
        public WatchlistEntrySerde() {
            super(WatchlistEntry.class);
        }
    }

    public static final class AlertSerde extends AvroSerde<Alert> {
        public AlertSerde() {
            super(Alert.class);
        }
    }

    public static final class AlertLifecycleEventSerde extends AvroSerde<AlertLifecycleEvent> {
        public AlertLifecycleEventSerde() {
            super(AlertLifecycleEvent.class);
        }
    }
}
