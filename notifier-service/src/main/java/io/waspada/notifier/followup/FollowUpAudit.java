package io.waspada.notifier.followup;

import io.waspada.avro.LifecycleAction;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts every step of a follow-up request on the alert's audit trail ({@code tip.alert-lifecycle.v1}, action OTHER,
 * attribute {@value #STEP} = ASKED, DELIVERED, ANSWERED, DECLINED, REMINDED, ESCALATED or IGNORED, and
 * {@value #REQUEST}), durably (acks=all) before the step counts.
 */
@ApplicationScoped
public class FollowUpAudit {

    public static final String STEP = "followUp";
    public static final String REQUEST = "requestId";
    /** The actor of the steps the service takes (not the notifier's routing actor: these decide no routing). */
    public static final String ACTOR = "notifier-service/follow-up";

    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    AlertView view;

    public void record(FollowUpRequest request, String step, String actor, String taskForce, String detail,
            Map<String, String> more) {
        Map<String, String> attributes = new HashMap<>(more);
        attributes.put(STEP, step);
        attributes.put(REQUEST, request.requestId());
        attributes.put("agency", request.agency());
        attributes.put("eventId", request.eventId());
        long version = view.get(request.alertId()).map(s -> s.alert().getVersion()).orElse(0L);
        lifecycle.publishDurably(request.alertId(), version, LifecycleAction.OTHER, actor, taskForce, detail,
                attributes);
    }
}
