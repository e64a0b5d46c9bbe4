package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.waspada.e2e.platform.AlertSockets;
import io.waspada.e2e.platform.Officers;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two notifiers on the real broker, packaged, with a real webhook receiver and a real SMTP server (GreenMail): they
 * share the alerts by partition (the intake's consumer group), so each alert is paged once on each channel and
 * escalated once; one is killed with SIGKILL while alerts
 * arrive and escalations fall due, and the other takes its partitions over: no page lost, none acted on twice by a
 * receiver that honours {@code Idempotency-Key}, no escalation done twice, and an officer whose console was on the
 * dead instance reconnects to the survivor and resumes without a gap.
 */
@Timeout(900)
class TwoNotifiersTest {

    private static final String GROUP = "notifier-service-delivery";
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration SETTLED = Duration.ofSeconds(120);

    @Test
    void eachAlertIsPagedAndEscalatedOnceAndTheSurvivorOfAKillTakesOverWithoutLoss() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (WebhookReceiver hook = new WebhookReceiver()) {
            hook.accept();
            Map<String, String> env = env(hook, smtp.getSmtp().getPort());
            try (Platform platform = Platform.startKafka(env); Admin admin = Admin.create(
                    platform.connection().clientConfig())) {
                PlatformProcess first = platform.startService("notifier-service", env, READY);
                platform.startInstance("notifier-service", "notifier-service-2", env, READY);
                await(() -> members(admin).size() == 2 && members(admin).stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty()), "both instances holding partitions",
                        SETTLED);
                String token = Officers.of(platform).token("HOOK");
                AlertSockets onFirst = AlertSockets.connect(platform.url("notifier-service"), Map.of("HOOK", token),
                        Duration.ofSeconds(30));

                // Both healthy: every alert paged once, by one of them.
                List<String> calm = produce(platform, "calm", 30, Duration.ofMillis(1));
                await(() -> Set.copyOf(hook.accepted()).containsAll(calm), "every alert paged", SETTLED);
                Map<String, Integer> pagesBefore = counts(hook.accepted());
                assertThat(calm).allSatisfy(id -> assertThat(pagesBefore.get(id)).as("pages of " + id).isEqualTo(1));
                awaitMailed(smtp, calm);
                Map<String, Integer> mailsBefore = mailed(smtp);
                assertThat(calm).allSatisfy(id -> assertThat(mailsBefore.get(id)).as("mails of " + id).isEqualTo(1));
                await(() -> onFirst.latest("HOOK").keySet().containsAll(calm), "every alert on the first's console",
                        SETTLED);

                // The first is killed while alerts arrive and the calm ones' escalation deadlines (8 s) fall due.
                List<String> stream = new ArrayList<>();
                Thread producing = new Thread(() -> stream.addAll(produce(platform, "stream", 60,
                        Duration.ofMillis(50))));
                producing.start();
                await(() -> routedCount(platform) > calm.size() + 10, "the stream under way", SETTLED);
                String cursor = onFirst.cursor("HOOK");
                first.kill();
                long killed = System.nanoTime();
                await(() -> members(admin).size() == 1 && members(admin).get(0).assignment().topicPartitions().size()
                        == 6, "the survivor holding every partition", SETTLED);
                double takeover = (System.nanoTime() - killed) / 1e9;
                producing.join();
                List<String> all = new ArrayList<>(calm);
                all.addAll(stream);
                await(() -> Set.copyOf(hook.accepted()).containsAll(all), "every alert paged", SETTLED);
                double allPaged = (System.nanoTime() - killed) / 1e9;
                awaitMailed(smtp, all);
                await(() -> escalations(platform, all).keySet().containsAll(all), "every alert escalated", SETTLED);

                Map<String, Integer> escalated = escalations(platform, all);
                Map<String, Integer> pages = counts(hook.accepted());
                long repeated = pages.values().stream().filter(n -> n > 1).count();
                long mailedAgain = mailed(smtp).values().stream().filter(n -> n > 1).count();
                // The survivor's console, resumed from what the dead one's had shown.
                AlertSockets onSurvivor = AlertSockets.connect(platform.url("notifier-service-2"), Map.of("HOOK", token),
                        Duration.ofSeconds(30), cursor);
                await(() -> union(onFirst, onSurvivor).containsAll(all), "every alert on the resumed console", SETTLED);
                System.out.printf(Locale.ROOT, "[faults] two notifiers, one killed: %d alerts; survivor held every "
                        + "partition %.1f s after the kill, every alert paged %.1f s after it; %d paged more than "
                        + "once (%d acted on more than once by a receiver that acts once per Idempotency-Key), %d "
                        + "mailed more than once; escalations per alert: %s; resumed console sent %d alerts%n",
                        all.size(), takeover, allPaged, repeated, hook.actedOn().size() - pages.size(), mailedAgain,
                        new java.util.TreeSet<>(escalated.values()), onSurvivor.latest("HOOK").size());

                assertThat(pages.keySet()).containsAll(all).allMatch(Set.copyOf(all)::contains);
                assertThat(hook.actedOn()).as("a page sent again carries its first key").hasSize(pages.size());
                assertThat(escalated).allSatisfy((id, n) -> assertThat(n).as("escalations of " + id).isEqualTo(1));
                assertThat(takeover).as("seconds to take over").isLessThan(30);
                assertThat(onSurvivor.errors()).isEmpty();
            }
        } finally {
            smtp.stop();
        }
    }

    /** Waits until every alert of {@code ids} was mailed; fails naming those that were not, and what arrived. */
    private static void awaitMailed(GreenMail smtp, List<String> ids) {
        try {
            await(() -> mailed(smtp).keySet().containsAll(ids), "every alert mailed", SETTLED);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> missing = new HashSet<>(ids);
            missing.removeAll(mailed(smtp).keySet());
            throw new AssertionError(missing.size() + " of " + ids.size() + " alerts not mailed: " + missing + "; "
                    + smtp.getReceivedMessages().length + " mails arrived", e);
        }
    }

    /** Per alert id, how many mails named it (each names its alerts' ids in its text). */
    private static Map<String, Integer> mailed(GreenMail smtp) {
        Map<String, Integer> mailed = new HashMap<>();
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("\\b((?:calm|stream)-[0-9a-f]{8})\\b");
        for (jakarta.mail.internet.MimeMessage message : smtp.getReceivedMessages()) {
            Set<String> named = new HashSet<>();
            java.util.regex.Matcher found = id.matcher(GreenMailUtil.getBody(message));
            while (found.find()) {
                named.add(found.group(1));
            }
            named.forEach(alert -> mailed.merge(alert, 1, Integer::sum));
        }
        return mailed;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Set<String> union(AlertSockets before, AlertSockets after) {
        Set<String> seen = new HashSet<>(before.latest("HOOK").keySet());
        seen.addAll(after.latest("HOOK").keySet());
        return seen;
    }

    private static List<MemberDescription> members(Admin admin) throws Exception {
        return List.copyOf(admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members());
    }

    private static Map<String, Integer> counts(List<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private static Map<String, String> env(WebhookReceiver hook, int smtpPort) throws Exception {
        Path routing = HookRouting.file(hook, """
                  escalation_deadlines: {CRITICAL: 8s, HIGH: 8s, MEDIUM: 8s, LOW: 8s}
                """, """
                  - id: HOOK
                    handling: [H0, H1, H2, H3]
                    channels:
                      webhook: {url: "%s", secret_file: "%s"}
                      email: {to: [hook@waspada.test]}
                    escalation: [DESK]
                  - id: DESK
                    handling: [H0, H1, H2, H3]
                    escalation: []
                """);
        return Map.of("WASPADA_ROUTING_CONFIG", routing.toString(), "WASPADA_SMTP_HOST", "127.0.0.1",
                "WASPADA_SMTP_PORT", Integer.toString(smtpPort));
    }

    /** Alerts as the correlator writes them, one subject each (so one page each), one every {@code every}. */
    private static List<String> produce(Platform platform, String prefix, int count, Duration every) {
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ScheduledExecutorService pacer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(count);
        try (KafkaProducer<String, Alert> producer = PagedAlerts.producer(platform)) {
            pacer.scheduleAtFixedRate(() -> {
                if (sent.getCount() == 0) {
                    return;
                }
                String id = PagedAlerts.id(prefix);
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), id, PagedAlerts.alert(id, ids.size())));
                producer.flush();
                ids.add(id);
                sent.countDown();
            }, 0, Math.max(1, every.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!sent.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + ids.size() + " of " + count + " alerts sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pacer.shutdownNow();
        }
        return List.copyOf(ids);
    }

    private static long routedCount(Platform platform) {
        long[] routed = {0};
        AuditTrailReader.read(platform, event -> {
            if (event.getAction() == LifecycleAction.ROUTED) {
                routed[0]++;
            }
        });
        return routed[0];
    }

    /** Per alert among {@code ids}, how many ESCALATED records the audit trail holds. */
    private static Map<String, Integer> escalations(Platform platform, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Map<String, Integer> found = new HashMap<>();
        AuditTrailReader.read(platform, event -> {
            if (event.getAction() == LifecycleAction.ESCALATED && wanted.contains(event.getAlertId())) {
                found.merge(event.getAlertId(), 1, Integer::sum);
            }
        });
        return found;
    }


    private static void await(java.util.concurrent.Callable<Boolean> condition, String what, Duration deadline) {
        org.awaitility.Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
