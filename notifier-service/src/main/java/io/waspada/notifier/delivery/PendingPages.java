package io.waspada.notifier.delivery;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilt from the audit trail at start: which alert versions were routed to a task force but never settled on a
 * paging channel (webhook: delivered or dead-lettered; email: delivered or failed; either: muted before sending).
 * Those were still in a group or a retry when the service stopped, and are paged again (at least once). Also when
 * each version was last delivered to a task force's webhook or email, so its group can go on reminding from there.
 */
public final class PendingPages {

    private static final Set<String> PAGING = Set.of(WebhookDelivery.CHANNEL, EmailDelivery.CHANNEL);

    /** One alert version routed to one task force. */
    private record Page(String alertId, long version, String taskForce) {
    }

    /** That page on one channel. */
    private record OnChannel(Page page, String channel) {
    }

    private final Set<Page> routed = ConcurrentHashMap.newKeySet();
    private final Set<OnChannel> settled = ConcurrentHashMap.newKeySet();
    private final Map<Page, Instant> paged = new ConcurrentHashMap<>();

    public void apply(AlertLifecycleEvent event) {
        if (event == null || event.getTaskForce() == null) {
            return;
        }
        Page key = new Page(event.getAlertId(), event.getAlertVersion(), event.getTaskForce());
        switch (event.getAction()) {
            case ROUTED -> routed.add(key);
            case DELIVERED, DEAD_LETTERED -> {
                settled.add(new OnChannel(key, event.getChannel()));
                if (event.getAction() == LifecycleAction.DELIVERED && PAGING.contains(event.getChannel())) {
                    paged.merge(key, event.getAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            case DELIVERY_FAILED -> {
                // Email is tried once; a failed webhook try is followed by another try or a dead letter.
                if (EmailDelivery.CHANNEL.equals(event.getChannel())) {
                    settled.add(new OnChannel(key, event.getChannel()));
                }
            }
            case SILENCED, INHIBITED -> {
                settled.add(new OnChannel(key, WebhookDelivery.CHANNEL));
                settled.add(new OnChannel(key, EmailDelivery.CHANNEL));
            }
            default -> {
            }
        }
    }

    /** When this version was last delivered to the task force's webhook or email, if it ever was. */
    public Optional<Instant> lastPaged(String alertId, long version, String taskForce) {
        return Optional.ofNullable(paged.get(new Page(alertId, version, taskForce)));
    }

    /** Routed to the task force and not settled on that channel. */
    public boolean unsettled(String alertId, long version, String taskForce, String channel) {
        Page key = new Page(alertId, version, taskForce);
        return routed.contains(key) && !settled.contains(new OnChannel(key, channel));
    }
}
