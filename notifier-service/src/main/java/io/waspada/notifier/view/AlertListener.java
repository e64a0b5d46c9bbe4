package io.waspada.notifier.view;

/** Receives each new alert version routed to a task force, in order. Must not block: it runs under the view's lock. */
@FunctionalInterface
public interface AlertListener {

    void onAlert(AlertState state);

    /** The task force no longer sees the alert (its latest version is above the task force's clearance). */
    default void onWithdrawn(String alertId) {
    }
}
