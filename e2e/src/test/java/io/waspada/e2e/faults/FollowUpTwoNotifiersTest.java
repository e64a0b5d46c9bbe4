package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.HttpJson;
import io.waspada.e2e.platform.Officers;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.followup.FollowUpRequest;
import io.waspada.topics.Topics;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-up requests across two packaged notifiers and the alert-producer on the real broker. The requests' alerts are
 * shared between the instances by partition; each instance reminds its own alerts' requests every second, and the
 * owning agency answers through the alert-producer meanwhile: every request ends ANSWERED on
 * {@code tip.follow-ups.v1}, on both instances' APIs and at the agency, is not reopened by a reminder, and its ANSWERED
 * is audited once. Then a notifier halted (as {@code kill -9} would stop it, by the fault-injection setting
 * {@code waspada.follow-up.fault.halt-at=reply-audited}) between an answer's audit and its save: after the restart the
 * request is ANSWERED once, the task force has the answer on its webhook, and the audit trail has one ANSWERED event.
 * Last a takeover: of two instances, the one owning some alerts halts so at its first answer; the other, which held
 * those alerts' replies while they were not its own, applies each once when their partitions come to it.
 */
@Timeout(900)
class FollowUpTwoNotifiersTest {

    private static final String GROUP = "notifier-service-delivery";
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration SETTLED = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    Path dir;

    @Test
    void theOwnerAppliesEachAnswerWhileRemindersRunAndAKillBetweenAuditAndSaveOrATakeoverLosesNothing() throws Exception {
        AgencyKeys keys = AgencyKeys.create(dir.resolve("ingest"));
        try (Hook hook = new Hook()) {
            Map<String, String> env = new HashMap<>(keys.serviceEnv());
            env.put("WASPADA_ROUTING_CONFIG", routing(hook).toString());
            env.put("WASPADA_FOLLOW_UP_DEADLINE_URGENT", "PT2S");
            env.put("WASPADA_FOLLOW_UP_REMIND_EVERY", "PT1S");
            env.put("WASPADA_FOLLOW_UP_MAX_REMINDERS", "1000");
            env.put("WASPADA_FOLLOW_UP_ASK_PER_HOUR", "100"); // one officer asks 21 here
            try (Platform platform = Platform.startKafka(env); Admin admin = Admin.create(
                    platform.connection().clientConfig())) {
                platform.startService("alert-producer", env, READY);
                PlatformProcess first = platform.startService("notifier-service", env, READY);
                PlatformProcess second = platform.startInstance("notifier-service", "notifier-service-2", env, READY);
                await(() -> admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members().stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2,
                        "both instances holding partitions");
                String officer = Officers.of(platform).token("HOOK");
                String agency = keys.key("IMMIGRATION");
                List<String> urls = List.of(platform.url("notifier-service"), platform.url("notifier-service-2"));

                List<String> alerts = PagedAlerts.send(platform, "fu", 8);
                await(() -> alerts.stream().allMatch(id -> urls.stream().allMatch(url ->
                        HttpJson.get(url + "/api/v1/alerts/" + id, officer).status() == 200)), "alerts on both");
                Map<String, String> requests = new HashMap<>();
                for (int i = 0; i < alerts.size(); i++) {
                    requests.put(alerts.get(i), ask(urls.get(i % 2), officer, alerts.get(i), "URGENT", "Who drove?"));
                }
                // Each owner reminds its alerts' requests every second; the agency answers while they do.
                await(() -> {
                    Map<String, FollowUpRequest> now = latest(platform);
                    return requests.values().stream().allMatch(r -> now.get(r) != null && now.get(r).reminders() >= 2);
                }, "every request reminded twice");
                for (String requestId : requests.values()) {
                    await(() -> HttpJson.get(producer(platform, "/api/v1/requests/" + requestId), agency).status()
                            == 200, "the request at the agency");
                    HttpJson.Answer answered = HttpJson.post(producer(platform, "/api/v1/requests/" + requestId
                            + "/answer"), agency, "{\"text\":\"A rented van\"}");
                    assertThat(answered.status()).as(answered.body().toString()).isEqualTo(202);
                }
                requests.forEach((alertId, requestId) -> {
                    await(() -> latest(platform, requestId).status() == FollowUpRequest.Status.ANSWERED,
                            "ANSWERED on the topic");
                    urls.forEach(url -> await(() -> "ANSWERED".equals(status(url, officer, alertId, requestId)),
                            "ANSWERED on " + url));
                    await(() -> "ANSWERED".equals(HttpJson.get(producer(platform, "/api/v1/requests/" + requestId),
                            agency).body().path("status").asText()), "closed at the agency");
                });
                // A few reminder ticks later: still ANSWERED everywhere, each answer audited once.
                Map<String, FollowUpRequest> answeredState = latest(platform);
                org.awaitility.Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            Map<String, FollowUpRequest> now = latest(platform);
                            return requests.values().stream().allMatch(r -> now.get(r).status()
                                    == FollowUpRequest.Status.ANSWERED && now.get(r).reminders()
                                    == answeredState.get(r).reminders());
                        });
                Map<String, List<String>> answeredEvents = stepEvents(platform, "ANSWERED");
                requests.values().forEach(r -> assertThat(answeredEvents.get(r)).as("ANSWERED of " + r).hasSize(1));
                urls.forEach(url -> requests.forEach((alertId, requestId) -> assertThat(status(url, officer, alertId,
                        requestId)).isEqualTo("ANSWERED")));

                // Both stop; one starts that halts between an answer's audit and its save.
                first.close();
                second.close();
                Map<String, String> halting = new HashMap<>(env);
                halting.put("WASPADA_FOLLOW_UP_FAULT_HALT_AT", "reply-audited");
                halting.put("QUARKUS_PROFILE", "prod,faults");
                PlatformProcess doomed = platform.startService("notifier-service", halting, READY);
                String alertId = PagedAlerts.send(platform, "fu-halt", 1).get(0);
                String url = platform.url("notifier-service");
                await(() -> HttpJson.get(url + "/api/v1/alerts/" + alertId, officer).status() == 200, "the alert");
                String requestId = ask(url, officer, alertId, "NORMAL", "Her employer?");
                await(() -> HttpJson.get(producer(platform, "/api/v1/requests/" + requestId), agency).status() == 200,
                        "the request at the agency");
                assertThat(HttpJson.post(producer(platform, "/api/v1/requests/" + requestId + "/answer"), agency,
                        "{\"text\":\"A plantation in Johor\"}").status()).isEqualTo(202);
                await(() -> !doomed.isAlive(), "the notifier halted between the audit and the save");
                assertThat(stepEvents(platform, "ANSWERED").get(requestId)).hasSize(1);
                assertThat(latest(platform, requestId).open()).isTrue();

                platform.startService("notifier-service", env, READY);
                await(() -> "ANSWERED".equals(status(url, officer, alertId, requestId)), "ANSWERED after the restart");
                await(() -> hook.answers().contains(requestId), "the answer on the task force's webhook");
                FollowUpRequest last = latest(platform, requestId);
                assertThat(last.handledAnswers()).hasSize(1);
                List<String> events = stepEvents(platform, "ANSWERED").get(requestId);
                System.out.printf("[faults] follow-up halted between audit and save: ANSWERED written %d times under "
                        + "%d event id(s); answer delivered %d time(s)%n", events.size(), Set.copyOf(events).size(),
                        hook.answers().stream().filter(requestId::equals).count());
                assertThat(Set.copyOf(events)).hasSize(1);

                // A takeover: of two instances, the one owning some of the alerts halts between an answer's audit and
                // its save; the other held those alerts' replies (not its own then) and, once it has their partitions,
                // applies each of them once.
                PlatformProcess halting2 = platform.startInstance("notifier-service", "notifier-service-2", halting,
                        READY);
                await(() -> admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members().stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2,
                        "both instances holding partitions again");
                String survivor = platform.url("notifier-service");
                List<String> more = PagedAlerts.send(platform, "fu-take", 12);
                await(() -> more.stream().allMatch(id -> HttpJson.get(survivor + "/api/v1/alerts/" + id, officer)
                        .status() == 200), "the takeover's alerts");
                Map<String, String> taken = new HashMap<>();
                for (String id : more) {
                    taken.put(id, ask(survivor, officer, id, "NORMAL", "Who paid for the boat?"));
                }
                for (String takenRequest : taken.values()) {
                    await(() -> HttpJson.get(producer(platform, "/api/v1/requests/" + takenRequest), agency).status()
                            == 200, "the request at the agency");
                    assertThat(HttpJson.post(producer(platform, "/api/v1/requests/" + takenRequest + "/answer"),
                            agency, "{\"text\":\"A broker in Batam\"}").status()).isEqualTo(202);
                }
                await(() -> !halting2.isAlive(), "the instance owning some of the alerts halted");
                taken.forEach((takenAlert, takenRequest) -> {
                    await(() -> "ANSWERED".equals(status(survivor, officer, takenAlert, takenRequest)),
                            "ANSWERED on the instance that took the alerts over");
                    await(() -> hook.answers().contains(takenRequest), "the answer on the task force's webhook");
                });
                Map<String, List<String>> takenEvents = stepEvents(platform, "ANSWERED");
                taken.values().forEach(r -> assertThat(Set.copyOf(takenEvents.get(r))).as("ANSWERED of " + r)
                        .hasSize(1));
                System.out.printf("[faults] follow-up takeover: %d answers applied once each by the instance left%n",
                        taken.size());
            }
        }
    }

    private static String ask(String url, String officer, String alertId, String urgency, String question) {
        HttpJson.Answer asked = HttpJson.post(url + "/api/v1/alerts/" + alertId + "/requests", officer,
                JSON.createObjectNode().put("eventId", "ev-" + alertId).put("question", question)
                        .put("reason", "two notifiers").put("urgency", urgency).toString());
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(201);
        return asked.body().path("requestId").asText();
    }

    private static String status(String url, String officer, String alertId, String requestId) {
        for (JsonNode r : HttpJson.get(url + "/api/v1/alerts/" + alertId + "/requests", officer).body()) {
            if (requestId.equals(r.path("requestId").asText())) {
                return r.path("status").asText();
            }
        }
        return null;
    }

    private static String producer(Platform platform, String path) {
        return platform.url("alert-producer") + path;
    }

    /** The request's latest record on tip.follow-ups.v1 (null if none). */
    private static FollowUpRequest latest(Platform platform, String requestId) {
        return latest(platform).get(requestId);
    }

    /** Every request's latest record on tip.follow-ups.v1, read in one pass. */
    private static Map<String, FollowUpRequest> latest(Platform platform) {
        Map<String, FollowUpRequest> last = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(platform.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FOLLOW_UPS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long stop = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < stop) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        last.remove(record.key());
                    } else {
                        last.put(record.key(), JSON.readValue(record.value(), FollowUpRequest.class));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return last;
    }

    /** Per requestId, the event ids of the audit records of follow-up step {@code step}, one per record. */
    private static Map<String, List<String>> stepEvents(Platform platform, String step) {
        Map<String, List<String>> found = new HashMap<>();
        AuditTrailReader.read(platform, (AlertLifecycleEvent event) -> {
            if (step.equals(event.getAttributes().get("followUp"))) {
                found.computeIfAbsent(event.getAttributes().get("requestId"), r -> new ArrayList<>())
                        .add(event.getEventId());
            }
        });
        return found;
    }

    private static Path routing(Hook hook) throws java.io.IOException {
        Path secret = Files.createTempFile("hook-secret", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "0123456789abcdef0123456789abcdef");
        Path routing = Files.createTempFile("routing", ".yaml");
        Files.writeString(routing, """
                route:
                  receiver: HOOK
                  group_by: [subject]
                  group_wait: 0s
                receivers:
                  - id: HOOK
                    handling: [H0, H1, H2, H3]
                    channels: {webhook: {url: "%s", secret_file: "%s"}}
                    escalation: [DESK]
                  - id: DESK
                    handling: [H0, H1, H2, H3]
                    escalation: []
                """.formatted(hook.url(), secret));
        return routing;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(SETTLED).pollInterval(Duration.ofMillis(300)).until(condition);
    }

    /** The task force's webhook: records the requestId of every follow-up answer it is given. */
    private static final class Hook implements AutoCloseable {
        private final HttpServer server;
        private final List<String> answers = new CopyOnWriteArrayList<>();

        Hook() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                JsonNode notice = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                if ("follow-up-answer".equals(notice.path("type").asText())) {
                    answers.add(notice.path("request").path("requestId").asText());
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<String> answers() {
            return List.copyOf(answers);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
