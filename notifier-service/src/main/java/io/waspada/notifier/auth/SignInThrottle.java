package io.waspada.notifier.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed password sign-ins per username and per client address within a sliding window: past the limit, further
 * attempts are refused until the oldest failure leaves the window. {@link #attempt} counts an attempt as failed
 * before its password is checked (in one step with the limit check, so concurrent attempts cannot all pass it);
 * {@link #succeeded} takes that back and clears the username's failures, not the address's. Memory is bounded: at most {@code maxKeys} usernames and addresses are
 * tracked, the least recently failing forgotten first. Time is passed in. Thread-safe.
 */
public final class SignInThrottle {

    private final int perUsername;
    private final int perAddress;
    private final Duration window;
    private final Failures usernames;
    private final Failures addresses;

    public SignInThrottle(int perUsername, int perAddress, Duration window, int maxKeys) {
        this.perUsername = perUsername;
        this.perAddress = perAddress;
        this.window = window;
        this.usernames = new Failures(maxKeys);
        this.addresses = new Failures(maxKeys);
    }

    /**
     * Checks the limits and, if this attempt may go on, counts it as a failure until {@link #succeeded} says
     * otherwise. Returns how long to wait when it may not.
     */
    public synchronized Optional<Duration> attempt(String username, String address, Instant now) {
        Optional<Duration> wait = blockedFor(username, address, now);
        if (wait.isEmpty()) {
            failed(username, address, now);
        }
        return wait;
    }

    /** How long this attempt must wait, if its username or address has failed too often lately. */
    public synchronized Optional<Duration> blockedFor(String username, String address, Instant now) {
        Optional<Duration> user = usernames.blockedFor(username, perUsername, window, now);
        Optional<Duration> client = addresses.blockedFor(address, perAddress, window, now);
        if (user.isEmpty()) {
            return client;
        }
        return client.isEmpty() || user.get().compareTo(client.get()) >= 0 ? user : client;
    }

    public synchronized void failed(String username, String address, Instant now) {
        usernames.add(username, now);
        addresses.add(address, now);
    }

    /** The attempt's password was right: its username's failures are cleared, its address's count loses it. */
    public synchronized void succeeded(String username, String address) {
        usernames.clear(username);
        addresses.removeNewest(address);
    }

    /** Failure times per key, oldest key first (access order), at most {@code maxKeys} keys. */
    private static final class Failures {

        private final Map<String, Deque<Instant>> byKey;

        Failures(int maxKeys) {
            this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                    return size() > maxKeys;
                }
            };
        }

        Optional<Duration> blockedFor(String key, int limit, Duration window, Instant now) {
            Deque<Instant> times = byKey.get(key);
            if (times == null) {
                return Optional.empty();
            }
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.pollFirst();
            }
            if (times.size() < limit) {
                return Optional.empty();
            }
            // Free again when enough of the oldest failures have left the window.
            Instant free = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(window);
            return Optional.of(Duration.between(now, free));
        }

        void add(String key, Instant now) {
            byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
        }

        void clear(String key) {
            byKey.remove(key);
        }

        void removeNewest(String key) {
            Deque<Instant> times = byKey.get(key);
            if (times != null) {
                times.pollLast();
            }
        }
    }
}
