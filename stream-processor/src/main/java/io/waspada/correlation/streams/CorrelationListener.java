package io.waspada.correlation.streams;

/** What the topology reports to metrics: late events routed to the DLQ, alert versions emitted. */
public interface CorrelationListener {

    CorrelationListener NONE = new CorrelationListener() {
    };

    /** An event later than the grace period, sent to the DLQ instead of being correlated. */
    default void lateEvent(String kind) {
    }

    /** A new alert version of a rule was emitted, with its severity (LOW..CRITICAL). */
    default void alertEmitted(String rule, String severity, long version) {
    }
}
