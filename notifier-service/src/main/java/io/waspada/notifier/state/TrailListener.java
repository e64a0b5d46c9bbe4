package io.waspada.notifier.state;

import io.waspada.avro.AlertLifecycleEvent;

/** Told of each lifecycle event once it is in the audit-trail store (on the store's thread, in topic order). */
@FunctionalInterface
public interface TrailListener {

    /** {@code position} orders the events of one alert: a later event has a higher one. */
    void stored(long position, AlertLifecycleEvent event);
}
