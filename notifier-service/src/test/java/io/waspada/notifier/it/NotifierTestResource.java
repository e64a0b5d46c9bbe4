package io.waspada.notifier.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.auth.DemoOfficers;
import io.waspada.notifier.config.RoutingConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the notifier's integration tests run against, all real and local: the JVM's shared Kafka broker, a
 * webhook receiver HTTP server that fails on purpose, a GreenMail SMTP server, a routing file pointing at them, and
 * for the ops view a service stand-in whose health is DOWN, a port where nothing listens and the notifier's own port.
 * The one configuration of every {@code @QuarkusTest} here, so Quarkus starts once.
 */
public class NotifierTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "test-webhook-secret-0123456789";

    private static WebhookReceiver receiver;
    private static GreenMail mail;
    private static ServiceStandIn downService;
    private static Map<String, String> passwords = Map.of();

    public static WebhookReceiver receiver() {
        return receiver;
    }

    public static GreenMail mail() {
        return mail;
    }

    /** The password of a demo officer ({@code officer.north}, ..., {@code ops}), as officers.json has it. */
    public static String password(String username) {
        return passwords.get(username);
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            // The notifier connects as its own principal, with exactly its ACLs.
            KafkaConnection kafka = SharedKafka.principal("notifier-service");
            // Every notifier test runs with an undecodable record on each topic the notifier reads.
            PoisonedTopics.plant();
            receiver = new WebhookReceiver();
            int smtpPort = freePort();
            mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            downService = new ServiceStandIn();
            // A fixed (free) HTTP port, so the ops view can ask the notifier itself for its health.
            int httpPort = ServiceStandIn.freePort();
            Path routing = Files.createTempFile("routing-test", ".yaml");
            Files.writeString(routing, routingYaml());
            Path officers = demoOfficers(routing);
            Map<String, String> config = new HashMap<>(Map.of(
                    "waspada.auth.demo-officers.dir", officers.toString(),
                    // Password sign-in for the demo officers, as ./waspada local enables it (off by default).
                    "waspada.auth.create-demo-officers", "true",
                    "quarkus.kafka.devservices.enabled", "false",
                    "quarkus.devservices.enabled", "false",
                    "waspada.routing.config", routing.toString(),
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(smtpPort),
                    "quarkus.http.test-port", Integer.toString(httpPort),
                    "waspada.ops.services", "alert-producer=" + downService.url()
                            + ",stream-processor=" + ServiceStandIn.nothingListening()
                            + ",notifier-service=http://localhost:" + httpPort));
            // Follow-up requests: an urgent one is overdue in seconds; IMMIGRATION's requests reach its webhook.
            // Mail: a connection per send (a pooled connection to GreenMail that hung made a first try wait the whole
            // 30 s send timeout, longer than the tests' deadlines, twice on 2026-12-08), and a hung try given up after
            // 5 s, so the retry still lands within them.
            config.put("quarkus.mailer.keep-alive", "false");
            config.put("waspada.email.send-timeout", "PT5S");
            config.put("waspada.follow-up.deadline.urgent", "PT3S");
            config.put("waspada.follow-up.deadline.normal", "PT1H");
            config.put("waspada.follow-up.agency.IMMIGRATION.url", receiver.url("/agency-immigration"));
            config.put("waspada.follow-up.agency.IMMIGRATION.secret-file", secretFile());
            config.putAll(KafkaTestResource.serviceConfig(kafka));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhooks' shared secret, in a file only this user reads, as a deployment keeps it (never in the routing). */
    private static String secretFile() {
        try {
            Path file = Files.createTempFile("webhook-secret", ".txt",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, SECRET);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String routingYaml() {
        return """
                route:
                  receiver: HQ
                  group_by: [subject]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                  routes:
                    - matchers: ['region="KEDAH"']
                      receiver: NORTH
                    - matchers: ['region="HOOK"']
                      receiver: HOOK_OK
                    - matchers: ['region="WAIT"']
                      receiver: HOOK_OK
                      # Long enough for the test to create its silence within the wait on a loaded 2-core machine.
                      group_wait: 10s
                    - matchers: ['region="FLAKY"']
                      receiver: FLAKY
                    - matchers: ['region="DEAD"']
                      receiver: DEAD
                    - matchers: ['region=~"SLOW|FAST"']
                      receiver: SLOW
                      continue: true
                    - matchers: ['region=~"SLOW|FAST"']
                      receiver: HOOK_OK
                    - matchers: ['region="MAIL"']
                      receiver: MAIL
                    # A protection receiver's need-to-know view, next to a task force that sees the alert in full.
                    - matchers: ['region="PROTECT"']
                      receiver: PROTECTION
                      continue: true
                    - matchers: ['region="PROTECT"']
                      receiver: HOOK_OK
                    - matchers: ['region="LIAISON"']
                      receiver: LIAISON
                    - matchers: ['region="BORDER"']
                      receiver: BORDER
                    # One alert, two task forces, two deadlines: each task force has its route's.
                    - matchers: ['region=~"TWO_ROUTES|TIMER"']
                      receiver: QUICK
                      escalation_deadlines: {HIGH: 1m}
                      continue: true
                    - matchers: ['region="TWO_ROUTES"']
                      receiver: PATIENT
                      escalation_deadlines: {HIGH: 4m}
                    # Reminds every second until someone answers.
                    - matchers: ['region="CHASE"']
                      receiver: CHASER
                      repeat_interval: 1s
                    # One alert, two task forces, both reminded every second until each answers for itself.
                    - matchers: ['region="SHARED"']
                      receiver: CHASER
                      repeat_interval: 1s
                      continue: true
                    - matchers: ['region="SHARED"']
                      receiver: SHARER
                      repeat_interval: 1s
                    # Mail in Bahasa Malaysia: the task force's default language.
                    - matchers: ['region="MAIL_MS"']
                      receiver: MELAYU
                    # Civil-society tips (#18): the verification desk alone takes a tip-only alert; verified, it goes
                    # on to AFTER_DESK (webhook, escalation to HQ) as if it lacked the label.
                    - matchers: ['verification="required"', 'region="VERIFY"']
                      receiver: DESK
                      escalation_deadlines: {CRITICAL: never, HIGH: never, MEDIUM: never, LOW: never}
                    - matchers: ['region="VERIFY"']
                      receiver: AFTER_DESK
                      escalation_deadlines: {HIGH: 2m}
                inhibit_rules:
                  - source_matchers: ['severity="CRITICAL"']
                    target_matchers: ['severity=~"LOW|MEDIUM"']
                    equal: [subject]
                receivers:
                  - {id: HQ, handling: [H0, H1, H2, H3]}
                  - {id: NORTH, name: Land border north, handling: [H0, H1, H2], escalation: [HQ]}
                  - id: HOOK_OK
                    handling: [H0, H1, H2]
                    channels: {webhook: {url: "%1$s", secret_file: "%5$s", timeout: 2s}}
                  - id: FLAKY
                    handling: [H0, H1, H2]
                    channels: {webhook: {url: "%2$s", secret_file: "%5$s"}}
                  - id: DEAD
                    handling: [H0, H1, H2]
                    channels: {webhook: {url: "%3$s", secret_file: "%5$s"}}
                  - id: SLOW
                    handling: [H0, H1, H2]
                    channels: {webhook: {url: "%4$s", secret_file: "%5$s", timeout: 30s}}
                  - {id: BORDER, handling: [H0, H1, H2], escalation: [LIAISON, NORTH, HQ]}
                  - {id: QUICK, handling: [H0, H1, H2], escalation: [HQ]}
                  - {id: PATIENT, handling: [H0, H1, H2], escalation: [NORTH]}
                  - id: CHASER
                    handling: [H0, H1, H2]
                    channels:
                      webhook: {url: "%7$s", secret_file: "%5$s"}
                      email: {to: [chaser@waspada.test]}
                  - id: SHARER
                    handling: [H0, H1, H2]
                    channels: {webhook: {url: "%8$s", secret_file: "%5$s"}}
                  - id: MAIL
                    handling: [H0, H1, H2]
                    channels: {email: {to: [taskforce@waspada.test]}}
                  - id: MELAYU
                    name: Pasukan petugas Melayu
                    handling: [H0, H1, H2]
                    language: ms
                    time_zone: Asia/Kuala_Lumpur
                    channels: {email: {to: [pasukan@waspada.test]}}
                  - id: LIAISON
                    handling: [H0]
                    channels: {webhook: {url: "%6$s", secret_file: "%5$s"}}
                  - {id: DESK, name: Tip verification desk, handling: [H0, H1, H2]}
                  - id: AFTER_DESK
                    handling: [H0, H1, H2]
                    escalation: [HQ]
                    channels: {webhook: {url: "%10$s", secret_file: "%5$s"}}
                  - id: PROTECTION
                    name: Social welfare (victim protection)
                    handling: [H0, H1, H2]
                    projection: protection
                    channels:
                      webhook: {url: "%9$s", secret_file: "%5$s"}
                      email: {to: [protection@waspada.test]}
                """.formatted(receiver.url("/ok"), receiver.url("/flaky"), receiver.url("/dead"), receiver.url("/slow"),
                secretFile(), receiver.url("/liaison"), receiver.url("/chase"), receiver.url("/share"),
                receiver.url("/protect"), receiver.url("/after-desk"));
    }

    /**
     * Demo officers as the local platform makes them (DemoOfficers, officers.json beside the key pair), with the test
     * key pair, so their tokens verify against the test public key.
     */
    private static Path demoOfficers(Path routing) throws IOException {
        Path dir = Files.createTempDirectory("officers-test");
        for (String pem : List.of("private", "public")) {
            try (InputStream in = NotifierTestResource.class.getClassLoader()
                    .getResourceAsStream("keys/test-" + pem + ".pem")) {
                Files.copy(in, dir.resolve(pem + "Key.pem"));
            }
        }
        try {
            passwords = DemoOfficers.write(dir, RoutingConfigLoader.load(routing.toString())).stream()
                    .collect(Collectors.toMap(DemoOfficers.DemoOfficer::username, DemoOfficers.DemoOfficer::password));
        } catch (Exception e) {
            throw new IllegalStateException("demo officers not written", e);
        }
        return dir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (downService != null) {
            downService.close();
        }
    }
}
