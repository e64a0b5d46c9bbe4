package io.waspada.ingest.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.followup.FollowUpRequest;
import io.waspada.ingest.domain.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pages of an agency's requests: newest first, ties by id, each once across pages; bad limits and cursors named. */
class RequestPageTest {

    private static FollowUpRequest at(String id, Instant askedAt) {
        return new FollowUpRequest(id, "a", "T", "HIGH", "H1", "e", "RMP", "q", "r", FollowUpRequest.Urgency.NORMAL,
                "NORTH", "o", askedAt, askedAt.plusSeconds(60), FollowUpRequest.Status.OPEN, null, null, null, null,
                null, List.of());
    }

    @Test
    void pagesCoverEveryRequestOnceInOrderEvenWithTiedTimes() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        List<FollowUpRequest> requests = new ArrayList<>(List.of(at("a", t), at("b", t), at("c", t),
                at("d", t.plusSeconds(1)), at("e", t.minusSeconds(1))));
        requests.sort(FollowUpRequests.NEWEST_FIRST);
        assertThat(requests).extracting(FollowUpRequest::requestId).containsExactly("d", "c", "b", "a", "e");
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            RequestPage.Query query = RequestPage.query("2", cursor.orElse(null));
            assertThat(query.violations()).isEmpty();
            RequestPage.Page page = RequestPage.of(requests, query);
            page.items().forEach(r -> seen.add(r.requestId()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());
        assertThat(seen).containsExactly("d", "c", "b", "a", "e");
        assertThat(pages).isEqualTo(3);
        // A request asked after the first page was read does not shift the next one.
        RequestPage.Page first = RequestPage.of(requests, RequestPage.query("2", null));
        requests.add(0, at("z", t.plusSeconds(5)));
        assertThat(RequestPage.of(requests, RequestPage.query("2", first.next().orElseThrow())).items())
                .extracting(FollowUpRequest::requestId).containsExactly("b", "a");
    }

    @Test
    void theDefaultIsFiftyAndBadValuesNameTheirField() {
        assertThat(RequestPage.query(null, null).limit()).isEqualTo(RequestPage.DEFAULT_LIMIT);
        assertThat(RequestPage.query("200", null).violations()).isEmpty();
        for (String bad : List.of("0", "201", "-1", "x", "")) {
            assertThat(RequestPage.query(bad, null).violations()).extracting(Violation::field).containsExactly("limit");
        }
        for (String bad : List.of("!!", "bm90IGEgY3Vyc29y", "x".repeat(400), "")) {
            assertThat(RequestPage.query(null, bad).violations()).extracting(Violation::field)
                    .containsExactly("cursor");
        }
    }
}
