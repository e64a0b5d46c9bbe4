package io.waspada.notifier.followup;

import io.waspada.avro.LifecycleAction;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts every step of a follow-up request on the alert's audit trail ({@code tip.alert-lifecycle.v1}, action OTHER,
 * attribute {@value #STEP} = ASKED, DELIVERED, ANSWERED, DECLINED, REMINDED, ESCALATED, IGNORED or WITHHELD, and
 * {@value #REQUEST}), durably (acks=all) before the step counts.
 *
 * <p>A step that changes a request's state ({@link #step}) has an event id derived from the request, the step and what
 * makes it that step (the answerId, the reminder's number): written again because the save after it failed (tried
 * again at the next tick) it is not written twice by this process (remembered once written), and written again after
 * a crash between the audit and the save it is the same event, which the trail's readers keep once.
 */
@ApplicationScoped
public class FollowUpAudit {

    public static final String STEP = "followUp";
    public static final String REQUEST = "requestId";
    /** The actor of the steps the service takes (not the notifier's routing actor: these decide no routing). */
    public static final String ACTOR = "notifier-service/follow-up";
    /** Bounds what the process remembers of steps written (a step repeated past that is still the same event). */
    private static final int REMEMBERED = 10_000;

    private final Set<String> written = ConcurrentHashMap.newKeySet();

    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    AlertView view;

    public void record(FollowUpRequest request, String step, String actor, String taskForce, String detail,
            Map<String, String> more) {
        lifecycle.publishDurably(request.alertId(), version(request), LifecycleAction.OTHER, actor, taskForce, detail,
                attributes(request, step, more));
    }

    /**
     * A step of a state change, once: {@code which} tells it from the request's other steps of that kind (the answerId
     * of an ANSWERED, the number of a REMINDED).
     */
    public void step(FollowUpRequest request, String step, String which, String actor, String taskForce, String detail,
            Map<String, String> more) {
        String eventId = eventId(request.requestId(), step, which);
        if (written.contains(eventId)) {
            return;
        }
        lifecycle.publishDurably(eventId, request.alertId(), version(request), LifecycleAction.OTHER, actor, taskForce,
                detail, attributes(request, step, more));
        if (written.size() >= REMEMBERED) {
            written.clear();
        }
        written.add(eventId);
    }

    /** The event id of a request's step: the same wherever and however often it is written. */
    public static String eventId(String requestId, String step, String which) {
        return UUID.nameUUIDFromBytes(("follow-up/" + requestId + "/" + step + "/" + which)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private long version(FollowUpRequest request) {
        return view.get(request.alertId()).map(s -> s.alert().getVersion()).orElse(0L);
    }

    private static Map<String, String> attributes(FollowUpRequest request, String step, Map<String, String> more) {
        Map<String, String> attributes = new HashMap<>(more);
        attributes.put(STEP, step);
        attributes.put(REQUEST, request.requestId());
        attributes.put("agency", request.agency());
        attributes.put("eventId", request.eventId());
        return attributes;
    }
}
