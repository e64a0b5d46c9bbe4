package io.waspada.ingest.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * What the ingest API answered to a crowd of posts: for each answer when its request was sent, how long the answer
 * took and its status, in compact arrays (hundreds of thousands of answers must not weigh on the heap being watched);
 * the eventIds answered 202; and every answer that broke the contract for its status (a 503 without Retry-After or
 * without a problem body, a status other than 202 or 503, no answer at all), so a test can assert there were none.
 */
public final class Answers {

    /** A status recorded for a request that got no HTTP answer. */
    public static final int NO_ANSWER = 0;
    private static final int KEPT_PROBLEMS = 20;

    private final String refusalMarker;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new ArrayList<>();
    private long[] sentAt = new long[1 << 16];
    private long[] latency = new long[1 << 16];
    private int[] status = new int[1 << 16];
    private boolean[] refusal = new boolean[1 << 16];
    private int size;
    private int problemCount;

    /** {@code refusalMarker}: text in a 503's body that says the write was refused without being tried. */
    public Answers(String refusalMarker) {
        this.refusalMarker = refusalMarker;
    }

    /** One HTTP answer: its status, the headers that matter here, and its body. */
    public record Reply(int status, String retryAfter, String contentType, String body) {
    }

    /** Records one request's answer ({@code reply} null and {@code error} set when there was none). */
    public void record(String eventId, long sent, long answered, Reply reply, Throwable error) {
        int code = reply == null ? NO_ANSWER : reply.status();
        String problem = reply == null ? "no answer: " + error : checked(reply);
        if (code == 202) {
            accepted.add(eventId);
        }
        boolean refused = code == 503 && reply.body().contains(refusalMarker);
        synchronized (this) {
            if (size == sentAt.length) {
                sentAt = Arrays.copyOf(sentAt, size * 2);
                latency = Arrays.copyOf(latency, size * 2);
                status = Arrays.copyOf(status, size * 2);
                refusal = Arrays.copyOf(refusal, size * 2);
            }
            sentAt[size] = sent;
            latency[size] = answered - sent;
            status[size] = code;
            refusal[size] = refused;
            size++;
            if (problem != null) {
                problemCount++;
                if (problems.size() < KEPT_PROBLEMS) {
                    problems.add(problem);
                }
            }
        }
    }

    /** Null when the answer is a 202, or a 503 with Retry-After and a problem saying Kafka is unavailable. */
    private static String checked(Reply reply) {
        if (reply.status() == 202) {
            return null;
        }
        if (reply.status() != 503) {
            return "status " + reply.status() + ": " + reply.body();
        }
        String type = reply.contentType() == null ? "" : reply.contentType();
        if (!"5".equals(reply.retryAfter()) || !type.startsWith("application/problem+json")
                || !reply.body().contains("\"title\":\"Kafka is unavailable\"")) {
            return "503 with Retry-After " + reply.retryAfter() + ", Content-Type " + type + ": " + reply.body();
        }
        return null;
    }

    /** The bytes this record of answers holds in its arrays, so a test can tell its own growth from the service's. */
    public synchronized long footprintBytes() {
        return (long) sentAt.length * (Long.BYTES + Long.BYTES + Integer.BYTES + 1);
    }

    /** How many eventIds were answered 202. */
    public int acceptedCount() {
        return accepted.size();
    }

    /** The eventIds answered 202. */
    public Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    public synchronized int problemCount() {
        return problemCount;
    }

    /** The first few answers that broke the contract. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** How many requests sent in [from, to) (System.nanoTime) were answered with a status {@code which} accepts. */
    public synchronized int count(long from, long to, IntPredicate which) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (within(i, from, to) && which.test(status[i])) {
                count++;
            }
        }
        return count;
    }

    /** How many of the requests sent in [from, to) were refused without being tried. */
    public synchronized int refusals(long from, long to) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (within(i, from, to) && refusal[i]) {
                count++;
            }
        }
        return count;
    }

    /** The longest answer, in milliseconds, to a request sent in [from, to). */
    public synchronized double maxMillis(long from, long to) {
        return percentileMillis(from, to, false, 1.0);
    }

    /**
     * The {@code q}-quantile (nearest rank) in milliseconds of the answers to requests sent in [from, to), of the
     * refusals only when {@code refusalsOnly}; NaN when there were none.
     */
    public synchronized double percentileMillis(long from, long to, boolean refusalsOnly, double q) {
        long[] chosen = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (within(i, from, to) && (!refusalsOnly || refusal[i])) {
                chosen[n++] = latency[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(chosen, 0, n);
        int rank = (int) Math.ceil(q * n) - 1;
        return chosen[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    private boolean within(int i, long from, long to) {
        return sentAt[i] - from >= 0 && sentAt[i] - to < 0;
    }
}
