package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every version of every alert read from {@code tip.alerts.v1} (rebuilt on start with the view), so a CAP Update
 * can reference each earlier message. A version seen twice is kept once.
 */
@ApplicationScoped
public class AlertVersions {

    private final Map<String, NavigableMap<Long, Alert>> versions = new ConcurrentHashMap<>();

    public void record(Alert alert) {
        NavigableMap<Long, Alert> ofAlert = versions.computeIfAbsent(alert.getAlertId(), id -> new TreeMap<>());
        synchronized (ofAlert) {
            ofAlert.putIfAbsent(alert.getVersion(), alert);
        }
    }

    /** The versions of the alert before {@code version}, oldest first. */
    public List<Alert> before(String alertId, long version) {
        NavigableMap<Long, Alert> ofAlert = versions.getOrDefault(alertId, new TreeMap<>());
        synchronized (ofAlert) {
            return new ArrayList<>(ofAlert.headMap(version, false).values());
        }
    }
}
