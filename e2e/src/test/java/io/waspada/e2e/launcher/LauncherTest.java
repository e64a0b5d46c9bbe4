package io.waspada.e2e.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.kafka.local.LocalKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./waspada local} as a newcomer meets it: a terminal's Ctrl-C (SIGINT to the whole process group) stops every
 * part within 20 s, also with the broker already gone; a second launcher on the same state refuses in seconds without
 * harm to the first; a killed launcher's lock is cleared; the services listen on loopback only. The launcher runs the
 * artifacts of this build ({@code WASPADA_BUILD=never}) on free ports.
 */
@Timeout(600)
class LauncherTest {

    private static final Duration START = Duration.ofSeconds(240);
    /** The bound: everything gone within 20 s of the signal. */
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final List<String> SERVICES = List.of("alert-producer", "stream-processor", "notifier-service");

    @TempDir
    Path work;

    @Test
    void aSecondLauncherRefusesWithoutHarmAndTheTerminalsCtrlCStopsEveryPartWithin20s() throws Exception {
        Path home = work.resolve("state");
        Ports ports = Ports.free();
        // A platform in a key rotation's overlap: the alert-producer is given the previous key too.
        Files.createDirectories(home.resolve("secrets"));
        Files.writeString(home.resolve("secrets/pseudonymisation.key"), randomKey());
        LauncherRun rotate = LauncherRun.plain(home, ports.env(), "rotate-key");
        assertThat(rotate.awaitExit(Duration.ofSeconds(30))).as(rotate.output()).isZero();
        try (LauncherRun first = LauncherRun.inOwnGroup(home, ports.env(), "local", "--rate", "2")) {
            awaitOutput(first, "Ctrl-C stops everything");
            assertThat(Files.readString(home.resolve("logs/alert-producer.log")))
                    .contains("Pseudonymisation key local-2 replaces local");
            Map<String, Long> parts = first.parts();
            assertThat(parts).containsOnlyKeys("kafka", "alert-producer", "stream-processor", "notifier-service", "feed");
            for (String service : SERVICES) {
                assertThat(Processes.listeners(ports.of(service))).as("%s listens on", service).containsOnly("127.0.0.1");
            }
            assertThat(Processes.listeners(ports.kafka())).as("kafka listens on").containsOnly("127.0.0.1");
            // The secured broker's ops principal, for kcat and the console consumer, beside the demo credentials.
            Path credentials = home.resolve("credentials.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            JsonNode kafka = new ObjectMapper().readTree(credentials.toFile()).get("kafka");
            assertThat(kafka.get("bootstrapServers").asText()).isEqualTo("127.0.0.1:" + ports.kafka());
            assertThat(kafka.get("securityProtocol").asText()).isEqualTo("SASL_PLAINTEXT");
            assertThat(kafka.get("saslMechanism").asText()).isEqualTo("SCRAM-SHA-512");
            assertThat(kafka.at("/principals/ops/password").asText())
                    .isEqualTo(Files.readString(home.resolve("kafka/principals/ops.password")).strip());
            assertThat(first.output()).contains("kcat -b 127.0.0.1:" + ports.kafka());
            // Ops read any topic as JSON lines, decoded with the platform's schemas, as the read-only ops principal.
            await("a sighting on the topic").atMost(START).pollInterval(Duration.ofSeconds(1)).until(() -> {
                LauncherRun tail = LauncherRun.plain(home, ports.env(), "tail", "tip.sightings.v1", "--last", "1");
                return tail.awaitExit(Duration.ofSeconds(60)) == 0 && tail.output().contains("\"eventId\":");
            });
            LauncherRun badTail = LauncherRun.plain(home, ports.env(), "tail", "no.such.topic");
            assertThat(badTail.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(badTail.output()).contains("no topic no.such.topic");
            String lockBefore = first.lockText();
            String kafkaLogBefore = Files.readString(home.resolve("logs/kafka.log"));

            LauncherRun second = LauncherRun.plain(home, ports.env(), "local", "--no-feed");
            assertThat(second.awaitExit(Duration.ofSeconds(15))).as(second.output()).isEqualTo(1);
            assertThat(second.output()).contains("REFUSED: a Waspada platform is already running on " + home)
                    .contains(String.format("%-17s pid %d running", "launcher", first.launcherPid()))
                    .contains(String.format("%-17s pid %d running 127.0.0.1:%d", "kafka", parts.get("kafka"), ports.kafka()))
                    .contains(String.format("%-17s pid %d running http://127.0.0.1:%d", "notifier-service",
                            parts.get("notifier-service"), ports.of("notifier-service")))
                    .contains("./waspada stop").doesNotContain("starting");
            // The first platform is untouched: same lock, its logs not truncated, every service still ready.
            assertThat(first.lockText()).isEqualTo(lockBefore);
            assertThat(Files.readString(home.resolve("logs/kafka.log"))).startsWith(kafkaLogBefore);
            for (String service : SERVICES) {
                assertThat(PlatformProcess.status("http://127.0.0.1:" + ports.of(service) + "/q/health/ready"))
                        .as(service).isEqualTo(200);
            }

            List<Long> everything = new ArrayList<>(parts.values());
            everything.add(first.launcherPid());
            long pgid = first.launcherPid();
            first.signalGroup("INT");
            await("every part gone after the group's SIGINT").atMost(STOP).pollInterval(Duration.ofMillis(200))
                    .until(() -> everything.stream().noneMatch(Processes::alive) && Processes.inGroup(pgid).isEmpty());
            assertThat(first.awaitExit(Duration.ofSeconds(5))).isEqualTo(130);
            assertThat(first.output()).contains("stopped; data kept in " + home).doesNotContain("did not stop within");
            assertThat(first.lockText()).isEmpty();

            LauncherRun status = LauncherRun.plain(home, ports.env(), "status");
            assertThat(status.awaitExit(Duration.ofSeconds(10))).isZero();
            assertThat(status.output()).contains("no platform running on " + home);
        }
    }

    @Test
    void withTheBrokerKilledTheLauncherStopsTheServicesWithinTheBound() throws Exception {
        Path home = work.resolve("state");
        Ports ports = Ports.free();
        try (LauncherRun run = LauncherRun.inOwnGroup(home, ports.env(), "local", "--no-feed", "--notifiers", "2")) {
            awaitOutput(run, "Ctrl-C stops everything");
            Map<String, Long> parts = run.parts();
            // A second notifier beside the first, on the next port, with state of its own; stopped with the rest.
            assertThat(parts).containsKey("notifier-service-2");
            assertThat(PlatformProcess.status("http://127.0.0.1:" + (ports.notifier() + 1) + "/q/health/ready"))
                    .isEqualTo(200);
            assertThat(home.resolve("state/notifier-service-2")).isDirectory();

            Processes.kill(parts.get("kafka"));
            // Each service closes its Kafka clients within their bounds with no broker to talk to: none needs the
            // launcher's KILL, and all are gone within 20 s.
            await("every part gone after the broker died").atMost(STOP).pollInterval(Duration.ofMillis(200))
                    .until(() -> parts.values().stream().noneMatch(Processes::alive) && !run.isAlive());
            assertThat(run.awaitExit(Duration.ofSeconds(1))).isEqualTo(1);
            assertThat(run.output()).contains("kafka exited on its own").contains("stopped; data kept in")
                    .doesNotContain("did not stop within");
        }
    }

    @Test
    void rotateKeyKeepsTheCurrentKeyAsThePreviousOneForTheOverlapOneAtATime() throws Exception {
        Path home = work.resolve("state");
        Path secrets = home.resolve("secrets");
        Files.createDirectories(home);
        LauncherRun none = LauncherRun.plain(home, Map.of(), "rotate-key");
        assertThat(none.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(none.output()).contains("no key to rotate yet");

        Files.createDirectories(secrets);
        String first = randomKey();
        Files.writeString(secrets.resolve("pseudonymisation.key"), first);
        LauncherRun bad = LauncherRun.plain(home, Map.of(), "rotate-key", "--overlap", "a month");
        assertThat(bad.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(bad.output()).contains("--overlap takes a number of days");
        assertThat(Files.readString(secrets.resolve("pseudonymisation.key"))).as("nothing changed").isEqualTo(first);

        LauncherRun rotate = LauncherRun.plain(home, Map.of(), "rotate-key", "--overlap", "40");
        assertThat(rotate.awaitExit(Duration.ofSeconds(30))).as(rotate.output()).isZero();
        assertThat(rotate.output()).contains("pseudonymisation key local-2 replaces local");
        assertThat(Files.readString(secrets.resolve("pseudonymisation.previous-key"))).isEqualTo(first);
        assertThat(Files.readString(secrets.resolve("pseudonymisation.previous-key-id")).strip()).isEqualTo("local");
        assertThat(Files.readString(secrets.resolve("pseudonymisation.key-id")).strip()).isEqualTo("local-2");
        assertThat(Files.readString(secrets.resolve("pseudonymisation.key"))).isNotEqualTo(first);
        java.time.Instant until = java.time.Instant.parse(
                Files.readString(secrets.resolve("pseudonymisation.previous-until")).strip());
        assertThat(until).isBetween(java.time.Instant.now().plus(Duration.ofDays(39)),
                java.time.Instant.now().plus(Duration.ofDays(41)));
        for (String secret : List.of("pseudonymisation.key", "pseudonymisation.previous-key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }

        LauncherRun again = LauncherRun.plain(home, Map.of(), "rotate-key");
        assertThat(again.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(again.output()).contains("the overlap with key local lasts until " + until)
                .contains("one previous key at a time");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key) + "\n";
    }

    @Test
    void theLockOfAKilledLauncherIsClearedAndSaysSo() throws Exception {
        Path home = work.resolve("state");
        Files.createDirectories(home);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(home.resolve("waspada.lock"), "launcher " + gone.pid() + "\ncommand ./waspada local\n"
                + "started 2026-12-01T00:00:00Z\npart kafka " + gone.pid() + " 127.0.0.1:9092\n");

        LauncherRun status = LauncherRun.plain(home, Map.of(), "status");
        assertThat(status.awaitExit(Duration.ofSeconds(10))).isZero();
        assertThat(status.output())
                .contains("clearing the lock of a run that did not stop cleanly (launcher pid " + gone.pid())
                .contains("no platform running on " + home);
        assertThat(Files.readString(home.resolve("waspada.lock"))).isEmpty();
    }

    private static void awaitOutput(LauncherRun run, String marker) {
        await("'" + marker + "' from ./waspada").atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!run.isAlive()) {
                throw new AssertionError("./waspada exited before '" + marker + "':\n" + run.output());
            }
            return run.output().contains(marker);
        });
    }


    /** Free ports for the broker, its controller and the three services, as the launcher's environment sets them. */
    private record Ports(int kafka, int controller, int ingest, int correlation, int notifier) {

        /** Free ports; the notifier's next one is free too (a second notifier takes it). */
        static Ports free() throws java.io.IOException {
            while (true) {
                int[] ports = LocalKafkaCluster.freePorts(5);
                try (java.net.ServerSocket next = new java.net.ServerSocket(ports[4] + 1, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    if (java.util.Arrays.stream(ports).noneMatch(p -> p == next.getLocalPort())) {
                        return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4]);
                    }
                } catch (java.io.IOException taken) {
                    // try other ports
                }
            }
        }

        int of(String service) {
            return switch (service) {
                case "alert-producer" -> ingest;
                case "stream-processor" -> correlation;
                case "notifier-service" -> notifier;
                default -> throw new IllegalArgumentException(service);
            };
        }

        Map<String, String> env() {
            return Map.of("KAFKA_PORT", Integer.toString(kafka), "KAFKA_CONTROLLER_PORT", Integer.toString(controller),
                    "WASPADA_INGEST_PORT", Integer.toString(ingest), "WASPADA_CORRELATION_PORT",
                    Integer.toString(correlation), "WASPADA_NOTIFIER_PORT", Integer.toString(notifier),
                    // The artifacts of this build, never a nested build.
                    "WASPADA_BUILD", "never");
        }
    }
}
