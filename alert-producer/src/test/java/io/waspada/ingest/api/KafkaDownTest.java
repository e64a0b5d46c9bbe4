package io.waspada.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waspada.ingest.kafka.EventPublisher;
import io.waspada.ingest.support.Answers;
import io.waspada.ingest.support.ConcurrentPosts;
import io.waspada.ingest.support.JvmWatch;
import io.waspada.ingest.support.RestartableKafka;
import io.waspada.ingest.support.SampleBodies;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicKeys;
import io.waspada.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka going away under load, the way it happens: 200 agency systems keep posting as fast as they are answered
 * while the broker stops. No event is answered 202 while it is down; every answer is a 503 with Retry-After and a
 * problem, fast once the service knows Kafka cannot deliver (its delivery breaker is open), and the JVM's threads and
 * heap stay bounded however long it lasts; single posts and every item of a batch are 503 too. When the broker comes
 * back the service recovers by itself, and every event answered 202 at any moment of the test is on the topic.
 * <p>
 * The outage lasts 20 s ({@code -Dwaspada.test.outage-seconds=60} gives the target's full minute). Latencies and
 * resources are printed; performance is not asserted, only a generous bound on every answer.
 */
@QuarkusTest
@TestProfile(KafkaDownTest.Outage.class)
@Timeout(300)
class KafkaDownTest {

    private static final int CLIENTS = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("waspada.test.outage-seconds", 20));
    private static final Duration MAX_BLOCK = Duration.ofMillis(1500);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMillis(3000);
    /**
     * The longest any answer may take: a write admitted just before the breaker opened waits out its delivery timeout
     * (or, its topic's metadata unknown, max.block.ms), plus slack for a 2-core machine running 200 clients as well.
     */
    private static final Duration ANSWER_BOUND = DELIVERY_TIMEOUT.plus(MAX_BLOCK).plusSeconds(5);
    private static final int THREAD_GROWTH_LIMIT = 50;
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
    private static final String AGENCY = "IMMIGRATION";

    /** A broker of the test's own, which it stops and starts; short producer timeouts and breaker interval. */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "waspada.producer.max.block.ms", Long.toString(MAX_BLOCK.toMillis()),
                    "waspada.producer.request.timeout.ms", "1000",
                    "waspada.producer.delivery.timeout.ms", Long.toString(DELIVERY_TIMEOUT.toMillis()),
                    "waspada.ingest.breaker.open-for", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableKafka.class));
        }
    }

    @TestHTTPResource("/api/v1/sightings")
    URI sightings;

    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outage-pacer");
        thread.setDaemon(true);
        return thread;
    });
    /** Single posts answered 202 (the crowd keeps its own). */
    private final Set<String> acceptedSingly = new HashSet<>();

    @AfterEach
    void stopPacing() {
        pacer.shutdownNow();
    }

    /** What the outage cost, read around it: its moments (System.nanoTime), the threads and the heap. */
    private record OutageReading(long stopping, long down, long end, int threadBaseline, int peakThreads,
            long heapAThirdIn, long heapAtEnd, long peakHeap) {
    }

    @Test
    void twoHundredClientsGetFast503sWhileKafkaIsDownAndEveryAcceptedEventIsOnTheTopicOnceItIsBack() {
        Answers answers = new Answers(EventPublisher.BREAKER_OPEN);
        try (JvmWatch watch = new JvmWatch();
                ConcurrentPosts posts = new ConcurrentPosts(sightings, TestCredentials.bearer(AGENCY), CLIENTS)) {
            // The broker runs in a process of its own: this JVM's threads are the service's and the test's.
            int threadsBefore = JvmWatch.threadCount();
            long heapBefore = JvmWatch.heapAfterGc() - answers.footprintBytes();
            ConcurrentPosts.Crowd crowd = posts.start(CLIENTS, answers);
            await("1,000 events accepted while Kafka is up").atMost(Duration.ofSeconds(60))
                    .until(() -> answers.acceptedCount() >= 1000);

            OutageReading outage = kafkaDownUnder(crowd, answers, watch, threadsBefore);

            print(outage, answers, heapBefore);
            assertThat(answers.count(outage.down(), outage.end(), s -> s != 503))
                    .as("answers other than 503 while Kafka was down").isZero();
            assertThat(answers.refusals(outage.down(), outage.end())).as("answers refused at once by the open breaker")
                    .isPositive();
            assertThat(answers.maxMillis(outage.stopping(), outage.end())).as("the longest answer, ms")
                    .isLessThanOrEqualTo(ANSWER_BOUND.toMillis());
            assertThat(outage.peakThreads() - outage.threadBaseline()).as("threads added while Kafka was down")
                    .isLessThan(THREAD_GROWTH_LIMIT);
            assertThat(outage.heapAtEnd() - outage.heapAThirdIn())
                    .as("heap growth after GC over the last two thirds of the outage").isLessThan(HEAP_GROWTH_LIMIT);
            aSingleEventAndEveryItemOfABatchAre503WithRetryAfter();
            assertThat(breakerGauge()).as("waspada_ingest_kafka_breaker_open while Kafka is down").isEqualTo(1.0);

            long recovered = kafkaBackAndAPostAccepted();
            assertThat(breakerGauge()).as("waspada_ingest_kafka_breaker_open once Kafka is back").isEqualTo(0.0);
            crowdOnceKafkaIsBack(posts, answers, recovered);

            assertThat(answers.problems()).as("answers breaking the contract (%d in all)", answers.problemCount())
                    .isEmpty();
            everyAcceptedEventIsOnTheTopic(answers.accepted());
        }
    }

    /** Stops the broker under the crowd, which goes on for the outage's length, and reads what that cost. */
    private OutageReading kafkaDownUnder(ConcurrentPosts.Crowd crowd, Answers answers, JvmWatch watch,
            int threadsBefore) {
        long stopping = System.nanoTime();
        RestartableKafka.takeDown();
        long down = System.nanoTime();
        watch.resetPeaks();
        // Heap after GC less what the test's own record of answers holds: the service's share.
        CompletableFuture<Long> heapAThirdIn = new CompletableFuture<>();
        pacer.schedule(() -> heapAThirdIn.complete(JvmWatch.heapAfterGc() - answers.footprintBytes()),
                OUTAGE.toMillis() / 3, TimeUnit.MILLISECONDS);
        pacer.schedule(crowd::stop, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
        await("the crowd's last answers").atMost(OUTAGE.plusSeconds(60)).until(crowd::finished);
        long end = System.nanoTime();
        return new OutageReading(stopping, down, end, threadsBefore, watch.peakThreads(), heapAThirdIn.join(),
                JvmWatch.heapAfterGc() - answers.footprintBytes(), watch.peakHeapBytes());
    }

    private static void print(OutageReading outage, Answers answers, long heapBefore) {
        long down = outage.down();
        long end = outage.end();
        System.out.printf(Locale.ROOT, "Kafka down %d s under %d clients: %d answers, %d of them 503 (%d refused at "
                        + "once by the breaker); 503 latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; refused at once: "
                        + "p99 %.1f ms; the broker took %d ms to stop%n",
                OUTAGE.toSeconds(), CLIENTS, answers.count(down, end, s -> true),
                answers.count(down, end, s -> s == 503), answers.refusals(down, end), answers.percentileMillis(down, end, false, 0.5),
                answers.percentileMillis(down, end, false, 0.99), answers.maxMillis(down, end),
                answers.percentileMillis(down, end, true, 0.99), (down - outage.stopping()) / 1_000_000);
        System.out.printf(Locale.ROOT, "Kafka down: threads %d before the crowd -> peak %d while down (+%d); heap "
                        + "after GC (less the test's record of answers) %d MB before, %d MB a third in, %d MB at the "
                        + "end; peak used %d MB%n",
                outage.threadBaseline(), outage.peakThreads(),
                outage.peakThreads() - outage.threadBaseline(), mb(heapBefore), mb(outage.heapAThirdIn()),
                mb(outage.heapAtEnd()), mb(outage.peakHeap()));
    }

    /** Starts the broker again and waits for a post to be accepted; returns when it was. */
    private long kafkaBackAndAPostAccepted() {
        RestartableKafka.bringBack();
        long back = System.nanoTime();
        await("a post accepted after Kafka is back").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> postOne() == 202);
        long recovered = System.nanoTime();
        System.out.printf(Locale.ROOT, "Kafka back: first 202 %d ms after the broker served again%n",
                (recovered - back) / 1_000_000);
        return recovered;
    }

    private void crowdOnceKafkaIsBack(ConcurrentPosts posts, Answers answers, long recovered) {
        ConcurrentPosts.Crowd after = posts.start(CLIENTS, answers);
        pacer.schedule(after::stop, 3, TimeUnit.SECONDS);
        await("the crowd's last answers after recovery").atMost(Duration.ofSeconds(60)).until(after::finished);
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "Kafka back: %d clients for 3 s: %d answers, %d of them 202, p99 %.1f ms%n",
                CLIENTS, answers.count(recovered, end, s -> true), answers.count(recovered, end, s -> s == 202),
                answers.percentileMillis(recovered, end, false, 0.99));
        assertThat(answers.count(recovered, end, s -> s == 202)).as("202s once Kafka is back").isPositive();
    }

    private void aSingleEventAndEveryItemOfABatchAre503WithRetryAfter() {
        given().header("Authorization", TestCredentials.bearer(AGENCY)).contentType(ContentType.JSON)
                .body(SampleBodies.sighting().toString()).when().post("/api/v1/sightings")
                .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                .body("title", equalTo("Kafka is unavailable"));

        var events = JsonNodeFactory.instance.arrayNode()
                .add(SampleBodies.sighting().put("kind", "SIGHTING"))
                .add(SampleBodies.interception().put("kind", "INTERCEPTION").put("agency", AGENCY));
        JsonPath result = given().header("Authorization", TestCredentials.bearer(AGENCY)).contentType(ContentType.JSON)
                .body(events.toString()).when().post("/api/v1/events/batch")
                .then().statusCode(200).header("Retry-After", "5").extract().jsonPath();
        assertThat(result.getInt("accepted")).isZero();
        assertThat(result.getList("results.status", Integer.class)).containsExactly(503, 503);
        assertThat(result.getList("results.problem.title", String.class)).containsOnly("Kafka is unavailable");
    }

    /** Posts one sighting; remembers its eventId when it is accepted. */
    private int postOne() {
        ObjectNode body = SampleBodies.sighting();
        int status = given().header("Authorization", TestCredentials.bearer(AGENCY)).contentType(ContentType.JSON)
                .body(body.toString()).when().post("/api/v1/sightings").then().extract().statusCode();
        if (status == 202) {
            acceptedSingly.add(body.get("eventId").asText());
        }
        return status;
    }

    private void everyAcceptedEventIsOnTheTopic(Set<String> acceptedByTheCrowd) {
        Set<String> accepted = new HashSet<>(acceptedByTheCrowd);
        accepted.addAll(acceptedSingly);
        Set<String> onTheTopic = TopicKeys.of(RestartableKafka.admin(), Topics.SIGHTINGS.name());
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(onTheTopic);
        System.out.printf(Locale.ROOT, "Read back: %d events answered 202, %d records on the topic, %d missing%n",
                accepted.size(), onTheTopic.size(), missing.size());
        assertThat(missing).as("events answered 202 but not on the topic (read_committed)").isEmpty();
    }

    private static double breakerGauge() {
        String series = "waspada_ingest_kafka_breaker_open ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
                .findFirst().orElse(Double.NaN);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}

