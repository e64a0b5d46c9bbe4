package io.waspada.notifier.followup;

import io.waspada.followup.FollowUpRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The points between a follow-up step's audit and its save, named so that a failure there can be provoked: in
 * service they do nothing; a test replaces this bean to fail (as a process killed there would stop) and shows that
 * nothing is lost or done twice.
 */
@ApplicationScoped
public class FollowUpCheckpoints {

    /** The reply's ANSWERED or DECLINED is on the audit trail; the request's closed state is not saved yet. */
    public static final String REPLY_AUDITED = "reply-audited";
    /** The reminder's REMINDED (and ESCALATED) is on the audit trail; the reminded state is not saved yet. */
    public static final String REMINDER_AUDITED = "reminder-audited";

    public void reached(String point, FollowUpRequest request) {
        // in service: nothing
    }
}
