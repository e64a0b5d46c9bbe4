package io.waspada.correlation.streams;

/** An event and whether it arrived later than the grace period allows. */
record Gated<V>(V value, boolean late) {
}
