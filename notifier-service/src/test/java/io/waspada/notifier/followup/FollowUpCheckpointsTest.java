package io.waspada.notifier.followup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The halt points of the fault tests cannot be armed in a deployment: outside the 'faults' profile, no start. */
class FollowUpCheckpointsTest {

    @Test
    void aHaltPointOutsideTheFaultsProfileRefusesTheStart() {
        FollowUpCheckpoints checkpoints = new FollowUpCheckpoints();
        checkpoints.haltAt = Optional.of(FollowUpCheckpoints.REPLY_AUDITED);
        assertThatThrownBy(() -> checkpoints.check(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("faults");
    }

    @Test
    void noHaltPointStartsAndHaltsNowhere() {
        FollowUpCheckpoints checkpoints = new FollowUpCheckpoints();
        checkpoints.haltAt = Optional.empty();
        assertThatCode(() -> checkpoints.check(null)).doesNotThrowAnyException();
        assertThatCode(() -> checkpoints.reached(FollowUpCheckpoints.REPLY_AUDITED, null)).doesNotThrowAnyException();
    }
}
