package io.waspada.notifier.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The join of two states of a request, and how a reader tells a write on a stale state from its own echo. */
class RequestRevisionsTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static FollowUpRequest asked() {
        return new FollowUpRequest("r1", "a1", "WATCHLIST_HIT", "HIGH", "H1", "ev1", "IMMIGRATION", "q", "why",
                FollowUpRequest.Urgency.URGENT, "BORDER", "officer", T, T.plusSeconds(60),
                FollowUpRequest.Status.OPEN, null, null, null, null, null, List.of());
    }

    private static FollowUpAnswer answer(String id) {
        return new FollowUpAnswer(id, "r1", "IMMIGRATION", FollowUpAnswer.Kind.ANSWER, "text", null, null,
                T.plusSeconds(90));
    }

    @Test
    void theJoinKeepsTheAnswerAndTheReminderWhicheverCameLast() {
        FollowUpRequest base = asked().atRevision(3);
        FollowUpRequest answered = base.closedBy(answer("x"), T.plusSeconds(90)).atRevision(4);
        FollowUpRequest reminded = base.reminded(T.plusSeconds(61), "NORTH").atRevision(4);
        for (FollowUpRequest joined : List.of(answered.joined(reminded), reminded.joined(answered))) {
            assertThat(joined.status()).isEqualTo(FollowUpRequest.Status.ANSWERED);
            assertThat(joined.reminders()).isEqualTo(1);
            assertThat(joined.escalations()).containsExactly("NORTH");
            assertThat(joined.handledAnswers()).containsExactly("x");
            assertThat(joined.revision()).isEqualTo(4);
        }
        assertThat(answered.joined(base)).isEqualTo(answered);
        assertThat(answered.covers(base)).isTrue();
        assertThat(reminded.covers(answered)).isFalse();
    }

    @Test
    void aStaleWriteIsAConflictUntilTheJoinIsWrittenAboveIt() {
        RequestRevisions revisions = new RequestRevisions();
        FollowUpRequest base = asked();
        FollowUpRequest held = revisions.read(null, base);
        FollowUpRequest answered = held.closedBy(answer("x"), T.plusSeconds(90)).atRevision(revisions.next("r1", held));
        // The owner's own write read back: no conflict.
        held = revisions.read(answered, answered);
        assertThat(revisions.conflicts()).isEmpty();
        // A zombie's reminder on the state before the answer: same revision, read after it.
        FollowUpRequest stale = base.reminded(T.plusSeconds(61), "NORTH").atRevision(answered.revision());
        held = revisions.read(held, stale);
        assertThat(held.status()).isEqualTo(FollowUpRequest.Status.ANSWERED);
        assertThat(held.reminders()).isEqualTo(1);
        assertThat(revisions.conflicts()).containsExactly("r1");
        long repair = revisions.next("r1", held);
        assertThat(repair).isGreaterThan(answered.revision());
        revisions.written("r1");
        held = revisions.read(held, held.atRevision(repair));
        assertThat(revisions.conflicts()).isEmpty();
        assertThat(held.revision()).isEqualTo(repair);
    }

    @Test
    void theOwnersEchoesArrivingLateAreNoConflict() {
        RequestRevisions revisions = new RequestRevisions();
        FollowUpRequest base = revisions.read(null, asked());
        FollowUpRequest first = base.reminded(T.plusSeconds(61), "NORTH").atRevision(revisions.next("r1", base));
        FollowUpRequest second = first.reminded(T.plusSeconds(121), "HQ").atRevision(first.revision() + 1);
        FollowUpRequest held = revisions.read(second, first);
        assertThat(held).isEqualTo(second);
        held = revisions.read(held, second);
        assertThat(revisions.conflicts()).isEmpty();
        assertThat(held.escalations()).containsExactly("NORTH", "HQ");
    }
}
