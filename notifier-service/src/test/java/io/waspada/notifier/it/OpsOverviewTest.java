package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static io.waspada.notifier.it.TestAlerts.alert;
import static io.waspada.notifier.it.TestAlerts.send;
import static io.waspada.notifier.it.TestAlerts.token;
import static io.waspada.notifier.it.TestAlerts.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ops view against the real broker: topic rates after producing, a group's lag (and that it grows), the DLQ
 * depth and its latest reason from the headers, rule hits after alerts, the services' health (a DOWN stand-in, a port
 * where nothing listens, the notifier itself UP), who may see it, the Prometheus series it feeds, and the alert
 * intake's consumers' own Kafka client metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class OpsOverviewTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<byte[], byte[]> producer;

    private final String ops = token("ops", "HQ", "ops", "officer");

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void aTopicShowsItsRateMessagesAndSizeAfterProducing() throws Exception {
        String topic = Topics.SIGHTINGS.name();
        long before = overview().getLong(topicPath(topic) + ".messages");
        for (int i = 0; i < 40; i++) {
            producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(), new byte[100]));
        }
        producer.flush();
        // The rate shows for one sample interval: remember whether any sample seen while waiting had it.
        AtomicBoolean rateSeen = new AtomicBoolean();
        await().atMost(WAIT).until(() -> {
            JsonPath figures = overview();
            rateSeen.compareAndSet(false, figures.getDouble(topicPath(topic) + ".messagesPerSecond") > 0);
            return rateSeen.get() && figures.getLong(topicPath(topic) + ".messages") >= before + 40;
        });
        JsonPath figures = overview();
        assertThat(figures.getInt(topicPath(topic) + ".partitions")).isEqualTo(6);
        await().atMost(WAIT).until(() -> overview().getLong(topicPath(topic) + ".sizeBytes") > 40 * 100);
        assertThat(figures.getList("topics.topic")).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
    }

    @Test
    void aGroupsLagIsEndMinusCommittedAndIsMarkedWhenGrowing() throws Exception {
        String group = uniqueId("ops-lag");
        String topic = Topics.INTERCEPTIONS.name();
        RecordMetadata first = null;
        for (int i = 0; i < 10; i++) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, 0, null, new byte[10])).get();
            first = first == null ? sent : first;
        }
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(first.offset())))
                    .all().get();
        }
        String lag = "groups.find { it.group == '" + group + "' }.topics.find { it.topic == '" + topic + "' }";
        await().atMost(WAIT).until(() -> Long.valueOf(10).equals(number(overview(), lag + ".lag")));
        for (int i = 0; i < 5; i++) {
            producer.send(new ProducerRecord<>(topic, 0, null, new byte[10])).get();
        }
        // The sample that first sees 15 saw 10 before: growing. A later sample with no change is not growing any more.
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(overview().get(lag + ".growing")));
        assertThat(overview().getLong(lag + ".lag")).isEqualTo(15);
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(overview().get(lag + ".growing")));
        assertThat(overview().getLong("groups.find { it.group == '" + group + "' }.totalLag")).isEqualTo(15);
    }

    @Test
    void theDlqShowsItsDepthAndTheLatestReasonFromTheHeaders() throws Exception {
        String message = uniqueId("Unknown magic byte");
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DLQ.name(), null, new byte[] {1, 2, 3});
        header(letter, "reason", "UNDECODABLE");
        header(letter, "topic", Topics.SIGHTINGS.name());
        header(letter, "partition", "2");
        header(letter, "offset", "41");
        header(letter, "exception", "org.apache.kafka.common.errors.SerializationException");
        header(letter, "message", message);
        producer.send(letter).get();

        String dlq = "dlq.find { it.topic == '" + Topics.DLQ.name() + "' }";
        await().atMost(WAIT).until(() -> overview().getList(dlq + ".latest.detail", String.class).stream()
                .anyMatch(detail -> detail.contains(message)));
        JsonPath figures = overview();
        assertThat(figures.getLong(dlq + ".depth")).isGreaterThanOrEqualTo(1);
        assertThat(figures.getString(dlq + ".latest[0].reason")).isEqualTo("UNDECODABLE");
        assertThat(figures.getString(dlq + ".latest[0].source")).isEqualTo(Topics.SIGHTINGS.name() + "-2@41");
        assertThat(figures.getString(dlq + ".latest[0].detail")).startsWith("org.apache.kafka.common.errors.SerializationException: ");
        assertThat(figures.getList("dlq.topic")).containsExactly(Topics.DLQ.name(), Topics.DELIVERY_DLQ.name());
    }

    @Test
    void ruleHitsCountFirstVersionsPerRuleInTheLastHour() {
        String rule = "WATCHLIST_HIT";
        long before = hits(overview(), rule);
        Alert first = alert(uniqueId("hits"), 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1);
        send(first);
        send(alert(first.getAlertId(), 2, "KEDAH", Severity.HIGH, first.getSubjectToken(), Handling.H1));
        send(alert(uniqueId("hits"), 1, "KEDAH", Severity.LOW, uniqueId("tok"), Handling.H1));
        send(alert(uniqueId("hits"), 1, "KEDAH", Severity.MEDIUM, uniqueId("tok"), Handling.H1));
        await().atMost(WAIT).until(() -> hits(overview(), rule) == before + 3);
        // A second version is not a new hit.
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> hits(overview(), rule) == before + 3);
        JsonPath figures = overview();
        assertThat(figures.getList("ruleHits.perRule." + rule)).hasSize(60);
        assertThat(figures.getMap("ruleHits.perRule")).containsKeys("CROSS_BORDER_MOVEMENT", "SIGHTING_INTERCEPTION_LINK",
                "FACILITATOR_NETWORK", "GROUP_CROSSING");
        assertThat(figures.getString("ruleHits.from")).endsWith(":00Z");
    }

    @Test
    void eachServicesHealthIsShownWithItsFailingChecks() {
        await().atMost(WAIT).until(() -> "UP".equals(overview().getString(service("notifier-service") + ".status")));
        JsonPath figures = overview();
        assertThat(figures.getList("services.name")).containsExactly("alert-producer", "stream-processor", "notifier-service");
        assertThat(figures.getString(service("alert-producer") + ".status")).isEqualTo("DOWN");
        assertThat(figures.getList(service("alert-producer") + ".failingChecks")).containsExactly(ServiceStandIn.FAILING_CHECK);
        assertThat(figures.getString(service("stream-processor") + ".status")).isEqualTo("UNREACHABLE");
        assertThat(figures.getString(service("stream-processor") + ".detail")).contains("ConnectException");
        assertThat(figures.getList(service("notifier-service") + ".failingChecks")).isEmpty();
    }

    @Test
    void onlyOpsAndAdminMaySeeIt() {
        given().get("/api/v1/ops/overview").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/ops/overview").then().statusCode(401);
        given().auth().oauth2(token("officer.north", "NORTH", "officer")).get("/api/v1/ops/overview")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(token("admin", "HQ", "admin")).get("/api/v1/ops/overview").then().statusCode(200);
    }

    @Test
    void prometheusHasEveryOpsSeriesFromTheStartAndTheAckLatency() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains(
                "waspada_consumer_lag{group=\"notifier-service-delivery\",topic=\"tip.alerts.v1\"}",
                "waspada_consumer_lag{group=\"waspada-correlation\",topic=\"tip.sightings.v1\"}",
                "waspada_dlq_depth{topic=\"tip.dlq.v1\"}",
                "waspada_dlq_depth{topic=\"tip.delivery-dlq.v1\"}",
                "waspada_topic_messages_per_second{topic=\"tip.alerts.v1\"}",
                "waspada_topic_messages_per_second{topic=\"tip.delivery-dlq.v1\"}",
                "waspada_notifier_ack_latency_seconds_count{severity=\"LOW\"}",
                "waspada_notifier_ack_latency_seconds_bucket{severity=\"LOW\",le=\"+Inf\"}",
                "waspada_notifier_lifecycle_total{action=\"DEAD_LETTERED\",channel=\"email\"}",
                "waspada_notifier_lifecycle_total{action=\"DELIVERY_FAILED\",channel=\"websocket\"}");

        String north = token("officer.north", "NORTH", "officer");
        String count = "waspada_notifier_ack_latency_seconds_count{severity=\"HIGH\"}";
        double before = value(metrics, count);
        String id = uniqueId("acklat");
        send(alert(id, 1, "KEDAH", Severity.HIGH, uniqueId("tok"), Handling.H1));
        await().atMost(WAIT).until(() -> given().auth().oauth2(north).get("/api/v1/alerts/" + id).statusCode() == 200);
        given().auth().oauth2(north).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + id + "/ack")
                .then().statusCode(200);
        assertThat(value(given().get("/q/metrics").asString(), count)).isEqualTo(before + 1);
    }

    @Test
    void theAlertIntakesConsumersPublishTheirOwnKafkaClientMetrics() {
        // Its own view of its lag, whether or not the ops sampler (or the stream-processor's cluster watch) answers.
        // The viewer holds no partition here (this instance owns them all), so it has no lag series: once any
        // consumer has per-partition records-lag-max, Prometheus' one label set per name drops client-level ones.
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").asString()).contains(
                "kafka_consumer_fetch_manager_records_lag_max{client_id=\"notifier-alerts\",",
                "kafka_consumer_coordinator_commit_latency_avg{client_id=\"notifier-alerts\",",
                "kafka_consumer_incoming_byte_rate{client_id=\"notifier-alerts-view\","));
    }

    private JsonPath overview() {
        return given().auth().oauth2(ops).get("/api/v1/ops/overview").then().statusCode(200).extract().jsonPath();
    }

    /** A number at {@code path}, or null while the path is not there yet. */
    private static Long number(JsonPath figures, String path) {
        Object value = figures.get(path);
        return value == null ? null : ((Number) value).longValue();
    }

    private static String topicPath(String topic) {
        return "topics.find { it.topic == '" + topic + "' }";
    }

    private static String service(String name) {
        return "services.find { it.name == '" + name + "' }";
    }

    private static long hits(JsonPath figures, String rule) {
        return figures.getList("ruleHits.perRule." + rule, Long.class).stream().mapToLong(Long::longValue).sum();
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add("waspada.dlq." + name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as(series).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
