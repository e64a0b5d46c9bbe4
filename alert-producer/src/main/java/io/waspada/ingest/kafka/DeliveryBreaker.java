package io.waspada.ingest.kafka;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Knows whether Kafka can currently deliver, so that while it cannot every write is refused at once instead of
 * holding a client, a thread and producer buffer for {@code delivery.timeout.ms} to learn the same thing again.
 * <p>
 * It opens when a write fails as undeliverable and nothing at all was acknowledged while that write waited: a whole
 * delivery timeout without one acknowledgement means Kafka is unreachable, not that one partition is slow (a failure
 * while other writes still succeed leaves it closed). While open it admits nothing; after {@code openFor} it admits
 * one probe (half-open): the probe's acknowledgement, or any other acknowledgement, closes it, the probe's failure
 * opens it again. A probe that ends neither way (a record the producer refused for its own reasons) lets the next
 * write probe instead.
 * <p>
 * Time is read from a monotonic nanosecond clock given at construction (tests drive it by hand). Admission in the
 * closed state takes no lock: it is on every write's path.
 */
public final class DeliveryBreaker {

    private static final Logger LOG = Logger.getLogger(DeliveryBreaker.class);

    /** Closed: writes go through. Open: every write is refused. Half-open: one probe write is in flight. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** One admitted write: when it was admitted, and whether it is the probe of a half-open breaker. */
    public record Ticket(long admittedAt, boolean probe) {
    }

    private final long openForNanos;
    private final LongSupplier nanoClock;
    private volatile State state = State.CLOSED;
    private volatile long lastDelivered;
    private long openedAt;
    private boolean probing;

    public DeliveryBreaker(Duration openFor, LongSupplier nanoClock) {
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("the breaker must stay open for a positive time, not " + openFor);
        }
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
        // "Long before anything was admitted", without the overflow Long.MIN_VALUE would bring to nanoTime arithmetic.
        this.lastDelivered = nanoClock.getAsLong() - (1L << 62);
    }

    /** A breaker on the JVM's monotonic clock. */
    public static DeliveryBreaker openingFor(Duration openFor) {
        return new DeliveryBreaker(openFor, System::nanoTime);
    }

    /** Admits a write (its ticket), or refuses it (null) while Kafka is known to be unable to deliver. */
    public Ticket admit() {
        long now = nanoClock.getAsLong();
        if (state == State.CLOSED) {
            return new Ticket(now, false);
        }
        synchronized (this) {
            switch (state) {
                case CLOSED:
                    return new Ticket(now, false);
                case OPEN:
                    if (now - openedAt < openForNanos) {
                        return null;
                    }
                    state = State.HALF_OPEN;
                    LOG.infof("Kafka delivery breaker half-open after %d ms: one write goes through as a probe",
                            (now - openedAt) / 1_000_000);
                    break;
                default:
                    if (probing) {
                        return null;
                    }
            }
            probing = true;
            return new Ticket(now, true);
        }
    }

    /** Whether a write admitted earlier may still go to the producer now (a queued write, say). */
    public boolean stillAdmits(Ticket ticket) {
        return ticket.probe() ? state == State.HALF_OPEN : state == State.CLOSED;
    }

    /** Kafka acknowledged a write: it can deliver. */
    public void delivered(Ticket ticket) {
        lastDelivered = nanoClock.getAsLong();
        if (state != State.CLOSED) {
            synchronized (this) {
                if (state != State.CLOSED) {
                    LOG.infof("Kafka delivery breaker closed: Kafka acknowledged a write %d ms after it opened",
                            (nanoClock.getAsLong() - openedAt) / 1_000_000);
                    state = State.CLOSED;
                    probing = false;
                }
            }
        }
    }

    /** A write was not acknowledged in time (or its metadata never came): Kafka may be unable to deliver. */
    public synchronized void undeliverable(Ticket ticket) {
        long now = nanoClock.getAsLong();
        if (ticket.probe()) {
            if (state == State.HALF_OPEN) {
                open(now, "the probe write was not acknowledged either");
            }
        } else if (state == State.CLOSED && lastDelivered - ticket.admittedAt() < 0) {
            open(now, "a write waited " + (now - ticket.admittedAt()) / 1_000_000
                    + " ms and Kafka acknowledged nothing in that time");
        }
    }

    /** A write ended without saying anything about Kafka's reachability (refused before it was sent, say). */
    public synchronized void inconclusive(Ticket ticket) {
        if (ticket.probe() && state == State.HALF_OPEN) {
            probing = false;
        }
    }

    public State state() {
        return state;
    }

    private void open(long now, String why) {
        LOG.warnf("Kafka delivery breaker open: %s; writes are refused (503) for %d ms, then one probes",
                why, openForNanos / 1_000_000);
        state = State.OPEN;
        openedAt = now;
        probing = false;
    }
}
