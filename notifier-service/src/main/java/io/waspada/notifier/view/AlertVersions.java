package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.notifier.state.LocalState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Every version of an alert read from {@code tip.alerts.v1}, so a CAP Update can reference each earlier message: read
 * from the local store ({@link io.waspada.notifier.state.NotifierStore}), not kept in memory.
 */
@ApplicationScoped
public class AlertVersions {

    @Inject
    LocalState state;

    /** The versions of the alert before {@code version}, oldest first. */
    public List<Alert> before(String alertId, long version) {
        return state.store().versions(alertId).stream().filter(alert -> alert.getVersion() < version).toList();
    }
}
