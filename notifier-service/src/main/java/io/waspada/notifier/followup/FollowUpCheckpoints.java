package io.waspada.notifier.followup;

import io.waspada.followup.FollowUpRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The points between a follow-up step's audit and its save, named so that a failure there can be provoked. In service
 * they do nothing. For fault tests of the packaged service only, {@code waspada.follow-up.fault.halt-at} names one
 * ({@value #REPLY_AUDITED} or {@value #REMINDER_AUDITED}) where the process halts at once, as {@code kill -9} would
 * stop it (no shutdown hook, nothing flushed); never set in a deployment. In-process tests replace this bean.
 */
@ApplicationScoped
public class FollowUpCheckpoints {

    private static final Logger LOG = Logger.getLogger(FollowUpCheckpoints.class);

    /** The reply's ANSWERED or DECLINED is on the audit trail; the request's closed state is not saved yet. */
    public static final String REPLY_AUDITED = "reply-audited";
    /** The reminder's REMINDED (and ESCALATED) is on the audit trail; the reminded state is not saved yet. */
    public static final String REMINDER_AUDITED = "reminder-audited";

    @ConfigProperty(name = "waspada.follow-up.fault.halt-at")
    Optional<String> haltAt;

    public void reached(String point, FollowUpRequest request) {
        if (haltAt != null && haltAt.filter(point::equals).isPresent()) {
            LOG.errorf("Fault injection: halting at %s of follow-up %s (waspada.follow-up.fault.halt-at)", point,
                    request.requestId());
            Runtime.getRuntime().halt(137);
        }
    }
}
