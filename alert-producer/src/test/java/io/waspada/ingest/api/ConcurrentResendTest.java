package io.waspada.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Sighting;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two posts of one new eventId at once, 200 times over real HTTP, all pairs in flight together: with different
 * content exactly one is accepted and the other is a 409; with the same content one is written and the other is a
 * resend ({@code "duplicate": true}, the first's coordinates). Read back ({@code read_committed}), every eventId is on
 * the topic exactly once, with the content that was accepted.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(180)
class ConcurrentResendTest {

    private static final int PAIRS = 200;
    private static final ExecutorService ANSWERS = Executors.newFixedThreadPool(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(ANSWERS).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/api/v1/sightings")
    URI sightings;

    /** One post's answer: the note it carried, the status and the parsed body. */
    record Answer(String note, int status, JsonNode body) {
    }

    @AfterAll
    static void stop() throws InterruptedException {
        ANSWERS.shutdownNow();
        assertThat(ANSWERS.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyEventIdPostedTwiceAtOnceIsWrittenOnce() {
        Map<String, List<CompletableFuture<Answer>>> pairs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < PAIRS; i++) {
            ObjectNode body = SampleBodies.sighting();
            String eventId = body.get("eventId").asText();
            boolean sameContent = i % 2 == 0;
            String first = "the first copy";
            String second = sameContent ? first : "the second copy";
            pairs.put(eventId, List.of(post(body.deepCopy().put("notes", first)), post(body.deepCopy().put("notes", second))));
        }
        pairs.forEach((eventId, posts) -> posts.forEach(CompletableFuture::join));
        List<ConsumerRecord<String, Sighting>> records = TopicScan.all(Topics.SIGHTINGS);
        Map<String, Sighting> written = new java.util.HashMap<>();
        Map<String, Long> copies = records.stream().filter(r -> pairs.containsKey(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        records.stream().filter(r -> pairs.containsKey(r.key())).forEach(r -> written.put(r.key(), r.value()));

        int index = 0;
        for (Map.Entry<String, List<CompletableFuture<Answer>>> pair : pairs.entrySet()) {
            String eventId = pair.getKey();
            List<Answer> answers = pair.getValue().stream().map(CompletableFuture::join).toList();
            List<Answer> accepted = answers.stream().filter(a -> a.status() == 202).toList();
            assertThat(copies.get(eventId)).as("copies of %s on the topic", eventId).isEqualTo(1L);
            if (index++ % 2 == 0) {
                assertThat(accepted).as("same content, %s", answers).hasSize(2);
                List<Answer> fresh = accepted.stream().filter(a -> !a.body().get("duplicate").asBoolean()).toList();
                assertThat(fresh).as("written once, %s", answers).hasSize(1);
                assertThat(accepted).allSatisfy(a -> assertThat(a.body().get("offset").asLong())
                        .isEqualTo(fresh.get(0).body().get("offset").asLong()));
            } else {
                assertThat(answers.stream().map(Answer::status).sorted().toList()).as("other content, %s", answers)
                        .containsExactly(202, 409);
                assertThat(accepted.get(0).body().get("duplicate").asBoolean()).isFalse();
            }
            assertThat(written.get(eventId).getNotes()).as("the accepted content").isEqualTo(accepted.get(0).note());
        }
    }

    private CompletableFuture<Answer> post(ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(sightings).timeout(Duration.ofSeconds(60))
                .header("Authorization", TestCredentials.bearer("IMMIGRATION"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        String note = body.get("notes").asText();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                return new Answer(note, response.statusCode(), SampleBodies.JSON.readTree(response.body()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
