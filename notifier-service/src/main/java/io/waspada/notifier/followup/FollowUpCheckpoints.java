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
 * stop it (no shutdown hook, nothing flushed). It is honoured only under the {@value #PROFILE} profile
 * ({@code QUARKUS_PROFILE=prod,faults}, as the e2e fault tests start it): set without it, the service refuses to start,
 * so a stray environment variable cannot turn a deployment into a crash loop. In-process tests replace this bean.
 */
@ApplicationScoped
public class FollowUpCheckpoints {

    private static final Logger LOG = Logger.getLogger(FollowUpCheckpoints.class);

    /** The reply's ANSWERED or DECLINED is on the audit trail; the request's closed state is not saved yet. */
    public static final String REPLY_AUDITED = "reply-audited";
    /** The reminder's REMINDED (and ESCALATED) is on the audit trail; the reminded state is not saved yet. */
    public static final String REMINDER_AUDITED = "reminder-audited";

    /** The profile under which (and only under which) a halt point may be set. */
    public static final String PROFILE = "faults";

    @ConfigProperty(name = "waspada.follow-up.fault.halt-at")
    Optional<String> haltAt;

    /** Refuses to start with a halt point outside the fault tests' profile, or one that names no point. */
    void check(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        if (haltAt == null || haltAt.isEmpty()) {
            return;
        }
        if (!io.quarkus.runtime.configuration.ConfigUtils.isProfileActive(PROFILE)) {
            throw new IllegalStateException("waspada.follow-up.fault.halt-at halts the service and is for fault tests "
                    + "only: it is refused unless the '" + PROFILE + "' profile is active (QUARKUS_PROFILE=prod,"
                    + PROFILE + "); remove it from this deployment's configuration");
        }
        if (!java.util.Set.of(REPLY_AUDITED, REMINDER_AUDITED).contains(haltAt.get())) {
            throw new IllegalStateException("waspada.follow-up.fault.halt-at=" + haltAt.get() + " names no halt point: "
                    + REPLY_AUDITED + " or " + REMINDER_AUDITED);
        }
        LOG.warnf("Fault injection armed: this service halts at %s (profile %s)", haltAt.get(), PROFILE);
    }

    public void reached(String point, FollowUpRequest request) {
        if (haltAt != null && haltAt.filter(point::equals).isPresent()
                && io.quarkus.runtime.configuration.ConfigUtils.isProfileActive(PROFILE)) {
            LOG.errorf("Fault injection: halting at %s of follow-up %s (waspada.follow-up.fault.halt-at)", point,
                    request.requestId());
            Runtime.getRuntime().halt(137);
        }
    }
}
