package io.waspada.notifier.cap;

import java.time.Instant;

/** An officer's acknowledgement of an alert, as a CAP Ack message needs it. */
public record CapAcknowledgement(String officer, String taskForce, Instant at, String comment) {
}
