package io.waspada.notifier.state;

/**
 * Keys of the audit-trail store. An alert's lifecycle events lie under {@code <alertId>\0<position>}, the position
 * (partition and offset on the lifecycle topic) written as 19 digits so that the store's byte order is the order the
 * events were written; {@code <alertId>\1} holds when the alert was first resolved. Alert ids never contain control
 * characters (the processor makes them), so one alert's keys never mix with another's.
 */
final class TrailKeys {

    private static final char EVENTS = '\0';
    private static final char RESOLVED = '\1';

    private TrailKeys() {
    }

    /** Where one event lies: partition in the top 16 bits, offset below (offsets stay far below 2^47). */
    static long position(int partition, long offset) {
        return ((long) partition << 47) | offset;
    }

    static int partitionOf(long position) {
        return (int) (position >>> 47);
    }

    static long offsetOf(long position) {
        return position & ((1L << 47) - 1);
    }

    /** The alert id of an event or version key. */
    static String alertIdOf(String key) {
        return key.substring(0, key.length() - 20);
    }

    static String event(String alertId, long position) {
        String digits = Long.toString(position);
        StringBuilder key = new StringBuilder(alertId.length() + 20).append(alertId).append(EVENTS);
        for (int i = digits.length(); i < 19; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    /** The prefix of every event key of the alert. */
    static String eventsOf(String alertId) {
        return alertId + EVENTS;
    }

    static long positionOf(String eventKey) {
        return Long.parseLong(eventKey, eventKey.length() - 19, eventKey.length(), 10);
    }

    static String resolved(String alertId) {
        return alertId + RESOLVED;
    }
}
