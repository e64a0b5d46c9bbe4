package io.waspada.ingest.kafka;

/** An event in its topic's encoding ({@link EventEncoding}), with the fingerprint of its content. */
final class EncodedEvent {

    final String eventId;
    final String topic;
    final byte[] bytes;
    final Fingerprint content;

    EncodedEvent(String eventId, String topic, byte[] bytes, Fingerprint content) {
        this.eventId = eventId;
        this.topic = topic;
        this.bytes = bytes;
        this.content = content;
    }
}
