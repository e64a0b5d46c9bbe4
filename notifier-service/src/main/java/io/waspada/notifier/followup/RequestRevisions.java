package io.waspada.notifier.followup;

import io.waspada.followup.FollowUpRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the follow-up requests' states whole when more than one instance writes one (which the design avoids, but an
 * instance that lost its alerts without knowing it yet, a zombie, may still do). Per request it remembers the highest
 * revision read from {@code tip.follow-ups.v1}; in topic order an honest writer's revisions only grow, so a record
 * whose revision is not above that was written on a stale state. Whatever is read, what is held is the
 * {@linkplain FollowUpRequest#joined join} of the held and the read state (nothing either knows is lost: ANSWERED stays
 * ANSWERED whatever reminder came after it), and when the topic's latest record lacks something of that join after a
 * stale write, the request needs rewriting: the owner writes the join again, above every revision read
 * ({@link FollowUpLog#save}), and every reader ends on that record.
 */
final class RequestRevisions {

    private final Map<String, Long> lastRead = new ConcurrentHashMap<>();
    private final Set<String> conflicts = ConcurrentHashMap.newKeySet();

    /** What the held state becomes when {@code read} is read from the topic. */
    FollowUpRequest read(FollowUpRequest held, FollowUpRequest read) {
        String id = read.requestId();
        Long before = lastRead.get(id);
        boolean stale = before != null && read.revision() <= before;
        lastRead.merge(id, read.revision(), Math::max);
        FollowUpRequest kept = held == null ? read : read.joined(held);
        if (read.covers(kept)) {
            conflicts.remove(id);
        } else if (stale) {
            conflicts.add(id);
        }
        return kept;
    }

    /** The revision of the next write of a request whose state held here is {@code held}: above all seen. */
    long next(String requestId, FollowUpRequest held) {
        long seen = Math.max(held == null ? -1 : held.revision(), lastRead.getOrDefault(requestId, -1L));
        return seen + 1;
    }

    /** The request's joined state was written: nothing to repair until another stale write is read. */
    void written(String requestId) {
        conflicts.remove(requestId);
    }

    /** The requests whose latest record on the topic lacks something a stale write made it lose. */
    Set<String> conflicts() {
        return Set.copyOf(conflicts);
    }
}
