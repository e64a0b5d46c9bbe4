package io.waspada.notifier.it;

import io.quarkus.test.Mock;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.followup.FollowUpCheckpoints;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notifier's follow-up checkpoints in tests: a request whose question carries {@value #MARK} fails once between
 * its reply's audit and its save, as a process killed at that point would stop there; every other request runs as in
 * service.
 */
@Mock
public class CrashingCheckpoints extends FollowUpCheckpoints {

    public static final String MARK = "[fail-after-audit]";
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    @Override
    public void reached(String point, FollowUpRequest request) {
        if (REPLY_AUDITED.equals(point) && request.question() != null && request.question().contains(MARK)
                && failed.add(request.requestId())) {
            throw new IllegalStateException("stopped between the audit and the save (test)");
        }
    }
}
