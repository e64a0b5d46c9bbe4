package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waspada.avro.Severity;
import io.waspada.avro.WatchlistEntry;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watchlist entries belong to the agency that put them: only it lists, replaces or removes them (tombstones). */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class WatchlistTest {

    private static Response put(String agency, String id, ObjectNode body) {
        return given().header("Authorization", TestCredentials.bearer(agency)).contentType(ContentType.JSON)
                .body(body.toString()).when().put("/api/v1/watchlist/" + id);
    }

    private static Response delete(String agency, String id) {
        return given().header("Authorization", TestCredentials.bearer(agency)).when().delete("/api/v1/watchlist/" + id);
    }

    private static Response list(String agency) {
        return given().header("Authorization", TestCredentials.bearer(agency)).when().get("/api/v1/watchlist");
    }

    @Test
    void theOwnerPutsListsAndRemovesAnEntryAndNoOtherAgencyCanTouchIt() {
        String id = "rmp-" + UUID.randomUUID();
        put("RMP", id, SampleBodies.watchlistEntry("JJU 4821")).then().statusCode(202)
                .body("entryId", equalTo(id)).body("topic", equalTo(Topics.WATCHLIST.name())).body("created", equalTo(true));

        list("RMP").then().statusCode(200);
        assertThat(list("RMP").jsonPath().getList("entryId", String.class)).contains(id);
        assertThat(list("MMEA").jsonPath().getList("entryId", String.class)).doesNotContain(id);
        assertThat(list("RMP").asString()).doesNotContain("JJU").doesNotContain("4821");
        // Not even the token: the watchlist must not turn a raw identifier into its token for anyone.
        String token = TopicScan.all(Topics.WATCHLIST).stream().filter(r -> r.key().equals(id)).findFirst().orElseThrow()
                .value().getIdentifier().getToken();
        assertThat(list("RMP").asString()).doesNotContain(token);
        assertThat(list("RMP").jsonPath().getString("find { it.entryId == '" + id + "' }.identifier.scheme"))
                .isEqualTo("PLATE");

        put("MMEA", id, SampleBodies.watchlistEntry("AAA 1")).then().statusCode(403).contentType("application/problem+json");
        delete("MMEA", id).then().statusCode(403).contentType("application/problem+json");
        put("RMP", id, SampleBodies.watchlistEntry("JJU 4821").put("severity", "CRITICAL")).then().statusCode(202)
                .body("created", equalTo(false));

        delete("RMP", id).then().statusCode(202).body("removed", equalTo(true));
        delete("RMP", id).then().statusCode(404).contentType("application/problem+json");
        assertThat(list("RMP").jsonPath().getList("entryId", String.class)).doesNotContain(id);

        List<ConsumerRecord<String, WatchlistEntry>> records = TopicScan.all(Topics.WATCHLIST).stream()
                .filter(r -> r.key().equals(id)).toList();
        assertThat(records).hasSize(3);
        assertThat(records.get(0).value().getOwningAgency()).isEqualTo("RMP");
        assertThat(records.get(0).value().getIdentifier().getScheme()).isEqualTo("PLATE");
        assertThat(records.get(1).value().getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(records.get(2).value()).as("tombstone").isNull();
    }

    @Test
    void anEntrysFlagsAreWrittenWithItsOwnerAndListed() {
        String id = "rmp-" + UUID.randomUUID();
        ObjectNode body = SampleBodies.watchlistEntry("JJU 4821");
        body.putArray("flags").addObject().put("kind", "COVERT");
        put("RMP", id, body).then().statusCode(202);

        WatchlistEntry written = TopicScan.all(Topics.WATCHLIST).stream().filter(r -> r.key().equals(id)).findFirst()
                .orElseThrow().value();
        assertThat(written.getFlags()).singleElement().satisfies(flag -> {
            assertThat(flag.getKind().name()).isEqualTo("COVERT");
            assertThat(flag.getAgency()).isEqualTo("RMP");
        });
        assertThat(list("RMP").jsonPath().getString("find { it.entryId == '" + id + "' }.flags[0].kind"))
                .isEqualTo("COVERT");
    }

    @Test
    void aBodyClaimingAnotherOwnerIsForbidden() {
        ObjectNode body = SampleBodies.watchlistEntry("JJU 4821").put("owningAgency", "CUSTOMS");
        put("RMP", "rmp-" + UUID.randomUUID(), body).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void invalidEntriesAreRefusedNamingTheField() {
        ObjectNode body = SampleBodies.watchlistEntry("JJU 4821");
        body.put("severity", "APOCALYPTIC").put("expiresAt", "2020-01-01T00:00:00Z");
        body.with("identifier").put("scheme", "PLATE").put("value", "!");
        body.putArray("flags").addObject().put("kind", "INFORM_ONLY");
        Response response = put("RMP", "bad id with spaces", body);
        response.then().statusCode(422).contentType("application/problem+json");
        assertThat(response.jsonPath().getList("violations.field", String.class))
                .containsExactlyInAnyOrder("id", "identifier.value", "severity", "expiresAt", "flags[0].jurisdiction");
    }

    @Test
    void removingAnUnknownEntryIs404() {
        delete("RMP", "never-" + UUID.randomUUID()).then().statusCode(404);
    }
}
