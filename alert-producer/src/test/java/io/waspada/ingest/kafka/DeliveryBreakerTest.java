package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.ingest.kafka.DeliveryBreaker.State;
import io.waspada.ingest.kafka.DeliveryBreaker.Ticket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The breaker's states on a clock moved by hand: it opens only when a write waited without anything being
 * acknowledged meanwhile, refuses while open, lets exactly one probe through after the open interval, and closes
 * on any acknowledgement.
 */
class DeliveryBreakerTest {

    private static final Duration OPEN_FOR = Duration.ofSeconds(5);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DeliveryBreaker breaker = new DeliveryBreaker(OPEN_FOR, nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** Admits a write, waits a delivery timeout, and reports it undeliverable. */
    private void timeOut() {
        Ticket ticket = breaker.admit();
        advance(Duration.ofSeconds(10));
        breaker.undeliverable(ticket);
    }

    @Test
    void aNewBreakerIsClosedAndAdmitsEveryWrite() {
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        for (int i = 0; i < 1000; i++) {
            Ticket ticket = breaker.admit();
            assertThat(ticket).isNotNull();
            assertThat(ticket.probe()).isFalse();
        }
    }

    @Test
    void aWriteThatTimedOutWhileNothingWasAcknowledgedOpensIt() {
        breaker.delivered(breaker.admit());
        advance(Duration.ofSeconds(1));

        timeOut();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.admit()).isNull();
    }

    @Test
    void aFailureAtStartBeforeAnythingWasEverAcknowledgedOpensIt() {
        timeOut();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aWriteThatFailedWhileOthersWereAcknowledgedLeavesItClosed() {
        Ticket slow = breaker.admit();
        advance(Duration.ofSeconds(3));
        breaker.delivered(breaker.admit());
        advance(Duration.ofSeconds(7));

        breaker.undeliverable(slow);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.admit()).isNotNull();
    }

    @Test
    void itRefusesForTheOpenIntervalThenAdmitsExactlyOneProbe() {
        timeOut();
        advance(OPEN_FOR.minusMillis(1));
        assertThat(breaker.admit()).isNull();

        advance(Duration.ofMillis(1));
        Ticket probe = breaker.admit();

        assertThat(probe).isNotNull();
        assertThat(probe.probe()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.admit()).isNull();
        advance(Duration.ofMinutes(1));
        assertThat(breaker.admit()).as("while the probe is out, nobody else").isNull();
    }

    @Test
    void theProbesAcknowledgementClosesIt() {
        timeOut();
        advance(OPEN_FOR);
        Ticket probe = breaker.admit();

        breaker.delivered(probe);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.admit().probe()).isFalse();
    }

    @Test
    void theProbesFailureOpensItForAnotherInterval() {
        timeOut();
        advance(OPEN_FOR);
        Ticket probe = breaker.admit();
        advance(Duration.ofSeconds(10));

        breaker.undeliverable(probe);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        advance(OPEN_FOR.minusMillis(1));
        assertThat(breaker.admit()).isNull();
        advance(Duration.ofMillis(1));
        assertThat(breaker.admit().probe()).isTrue();
    }

    @Test
    void aProbeThatEndsInconclusivelyLetsTheNextWriteProbe() {
        timeOut();
        advance(OPEN_FOR);
        Ticket probe = breaker.admit();

        breaker.inconclusive(probe);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        Ticket next = breaker.admit();
        assertThat(next).isNotNull();
        assertThat(next.probe()).isTrue();
        assertThat(breaker.admit()).isNull();
    }

    @Test
    void aLateAcknowledgementOfAnEarlierWriteClosesItToo() {
        Ticket early = breaker.admit();
        timeOut();
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        breaker.delivered(early);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void failuresOfWritesAdmittedBeforeItOpenedChangeNothingWhileOpenOrProbing() {
        Ticket first = breaker.admit();
        Ticket second = breaker.admit();
        advance(Duration.ofSeconds(10));
        breaker.undeliverable(first);
        breaker.undeliverable(second);
        advance(OPEN_FOR);
        Ticket probe = breaker.admit();
        assertThat(probe.probe()).as("the second failure did not restart the open interval").isTrue();

        breaker.undeliverable(second);
        breaker.inconclusive(second);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.admit()).isNull();
    }

    @Test
    void aQueuedWriteIsNoLongerAdmittedOnceItOpened() {
        Ticket queued = breaker.admit();
        assertThat(breaker.stillAdmits(queued)).isTrue();

        timeOut();

        assertThat(breaker.stillAdmits(queued)).isFalse();
        advance(OPEN_FOR);
        Ticket probe = breaker.admit();
        assertThat(breaker.stillAdmits(probe)).isTrue();
        assertThat(breaker.stillAdmits(queued)).isFalse();
    }

    @Test
    void theOpenIntervalMustBePositive() {
        assertThatThrownBy(() -> new DeliveryBreaker(Duration.ZERO, nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
