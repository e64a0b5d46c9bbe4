package io.waspada.ingest.followup;

import io.waspada.followup.FollowUpRequest;
import io.waspada.ingest.domain.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of an agency's follow-up requests, newest first (askedAt, then requestId: a total order): at most
 * {@code limit} of them (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}), after the {@code cursor} the
 * previous page gave. The cursor is opaque to the agency (the position of the page's last request, base64url): a
 * request asked or closed meanwhile never shifts a page, and none is seen twice.
 */
public final class RequestPage {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Where a page starts: after the request asked at {@code askedAt} with id {@code requestId}. */
    private record Position(Instant askedAt, String requestId) {
        boolean before(FollowUpRequest request) {
            int byTime = request.askedAt().compareTo(askedAt);
            return byTime < 0 || (byTime == 0 && request.requestId().compareTo(requestId) < 0);
        }
    }

    /** What was asked for: the size and the start, or the violations naming {@code limit} or {@code cursor}. */
    public record Query(int limit, Optional<Position> after, List<Violation> violations) {
    }

    /** The page's requests and the cursor of the next page, if there is one. */
    public record Page(List<FollowUpRequest> items, Optional<String> next) {
    }

    private RequestPage() {
    }

    /** Reads {@code limit} and {@code cursor} as the query gave them (null when absent). */
    public static Query query(String limit, String cursor) {
        List<Violation> violations = new java.util.ArrayList<>();
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                violations.add(new Violation("limit", "range", "an integer from 1 to " + MAX_LIMIT));
            }
        }
        Optional<Position> after = Optional.empty();
        if (cursor != null) {
            after = decode(cursor);
            if (after.isEmpty()) {
                violations.add(new Violation("cursor", "format", "not a cursor this service gave; start without one"));
            }
        }
        return new Query(size, after, violations);
    }

    /** The page of {@code newestFirst} (already in {@link FollowUpRequests#NEWEST_FIRST} order) that {@code query} asks for. */
    public static Page of(List<FollowUpRequest> newestFirst, Query query) {
        List<FollowUpRequest> rest = query.after().map(p -> newestFirst.stream().filter(p::before).toList())
                .orElse(newestFirst);
        if (rest.size() <= query.limit()) {
            return new Page(rest, Optional.empty());
        }
        List<FollowUpRequest> items = rest.subList(0, query.limit());
        FollowUpRequest last = items.get(items.size() - 1);
        return new Page(List.copyOf(items), Optional.of(encode(last)));
    }

    private static String encode(FollowUpRequest last) {
        return ENCODER.encodeToString((last.askedAt() + "\n" + last.requestId()).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Position> decode(String cursor) {
        if (cursor.length() > 300) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Position(Instant.parse(parts[0]), parts[1]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
