package io.waspada.correlation.streams;

/**
 * What the topology reports to metrics: late and undecodable events, events too late for a rule, key rotation links,
 * alert versions.
 */
public interface CorrelationListener {

    CorrelationListener NONE = new CorrelationListener() {
    };

    /** An event older than every rule's window plus the grace, sent to the DLQ as received. */
    default void lateEvent(String kind) {
    }

    /** An event too late for one rule (older than its window plus grace), still correlated by the others. */
    default void lateForRule(String rule) {
    }

    /** A record that does not decode, sent to the DLQ as received. */
    default void undecodableEvent(String kind) {
    }

    /** Key rotation links an event showed first, written to the link topic with it. */
    default void tokenLinksWritten(int links) {
    }

    /** A new alert version of a rule was emitted, with its severity (LOW..CRITICAL). */
    default void alertEmitted(String rule, String severity, long version) {
    }

    /** A new alert a rule in shadow mode would have raised and did not. */
    default void ruleShadowAlert(String rule) {
    }

    /** A rule version arrived after this instance had evaluated events observed past its activeFrom. */
    default void ruleSwitchMissed(String rule) {
    }
}
