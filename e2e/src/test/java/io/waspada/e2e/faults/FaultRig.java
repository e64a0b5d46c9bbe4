package io.waspada.e2e.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fault suite runs on: a 3-broker KRaft cluster (replication 3, min ISR 2), one ingest, two stream-processors
 * and two notifiers (each its own packaged process), a real webhook receiver and a real SMTP server (GreenMail) for
 * the one task force every alert is routed to, each alert its own notification group. Services can be killed and
 * started again by instance name; each Kafka node is its own process, killed and started again by the platform; all of
 * them can be frozen (SIGSTOP) and thawed.
 */
final class FaultRig implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(240);
    static final List<String> PROCESSORS = List.of("stream-processor", "stream-processor-2");
    static final List<String> NOTIFIERS = List.of("notifier-service", "notifier-service-2");

    private final Platform platform;
    private final WebhookReceiver hook;
    private final GreenMail smtp;
    private final AgencyKeys keys;
    private final Map<String, String> env;
    private final Map<String, PlatformProcess> running = new LinkedHashMap<>();
    /** Answers to events posted by a fault itself (the hot key), beside the feed's answer log. */
    private final Map<String, Integer> faultAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    private FaultRig(Platform platform, WebhookReceiver hook, GreenMail smtp, AgencyKeys keys, Map<String, String> env) {
        this.platform = platform;
        this.hook = hook;
        this.smtp = smtp;
        this.keys = keys;
        this.env = env;
    }

    /** Starts everything and waits until every instance is ready; {@code dir} holds the keys and feed files. */
    static FaultRig start(Path dir, Map<String, String> settings) throws IOException {
        WebhookReceiver hook = null;
        GreenMail smtp = null;
        Platform platform = null;
        try {
            hook = new WebhookReceiver();
            hook.accept();
            smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            AgencyKeys keys = AgencyKeys.create(dir.resolve("keys"));
            Map<String, String> env = new HashMap<>(settings);
            env.putAll(keys.serviceEnv());
            env.put("WASPADA_ROUTING_CONFIG", routing(hook).toString());
            env.put("WASPADA_SMTP_HOST", "127.0.0.1");
            env.put("WASPADA_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            platform = Platform.startKafka(env, 3);
            FaultRig rig = new FaultRig(platform, hook, smtp, keys, Map.copyOf(env));
            rig.startInstance("alert-producer");
            for (String instance : PROCESSORS) {
                rig.startInstance(instance);
            }
            for (String instance : NOTIFIERS) {
                rig.startInstance(instance);
            }
            return rig;
        } catch (IOException | RuntimeException e) {
            try {
                if (platform != null) {
                    platform.close();
                }
            } finally {
                try {
                    if (hook != null) {
                        hook.close();
                    }
                } finally {
                    if (smtp != null) {
                        smtp.stop();
                    }
                }
            }
            throw e;
        }
    }

    private static int freePort() {
        try {
            return io.waspada.kafka.local.LocalKafkaCluster.freePorts(1)[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every alert to HOOK (webhook and mail), each alert its own group, no escalation: pages are what is counted. */
    private static Path routing(WebhookReceiver hook) {
        try {
            return HookRouting.file(hook, """
                      group_by: ['...']
                      group_interval: 1s
                      escalation_deadlines: {CRITICAL: never, HIGH: never, MEDIUM: never, LOW: never}
                    """, """
                      - id: HOOK
                        handling: [H0, H1, H2, H3]
                        channels:
                          webhook: {url: "%s", secret_file: "%s"}
                          email: {to: [hook@waspada.test]}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or starts again, on its port and state directory) an instance: a service's name or name-2. */
    PlatformProcess startInstance(String instance) {
        String service = instance.replaceFirst("-2$", "");
        PlatformProcess process = instance.equals(service) ? platform.startService(service, env, READY)
                : platform.startInstance(service, instance, env, READY);
        running.put(instance, process);
        return process;
    }

    /** SIGKILL to an instance, as {@code kill -9}. */
    void kill(String instance) {
        running.remove(instance).kill();
    }

    /** Whether every running instance answers ready. */
    boolean allReady() {
        return running.keySet().stream().allMatch(i -> PlatformProcess.status(platform.url(i) + "/q/health/ready") == 200);
    }

    /** Freezes (SIGSTOP) or thaws (SIGCONT) every Kafka node: every broker unreachable at once, as a cut network. */
    void freezeKafka(boolean frozen) {
        for (PlatformProcess node : platform.kafkaProcesses()) {
            try {
                Process signal = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(node.pid()))
                        .inheritIO().start();
                if (signal.waitFor() != 0) {
                    throw new IllegalStateException("kill " + (frozen ? "-STOP " : "-CONT ") + node.name() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private final java.util.List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A figure a fault measured beside the table's columns (printed under it). */
    void note(String note) {
        ScenarioRun.log("%s", note);
        notes.add(note);
    }

    java.util.List<String> notes() {
        return java.util.List.copyOf(notes);
    }

    private final java.util.List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A broken promise a fault found beyond the table's columns (fails its row). */
    void problem(String problem) {
        ScenarioRun.log("PROBLEM: %s", problem);
        problems.add(problem);
    }

    /** The problems found since the last call, and forgets them. */
    java.util.List<String> takeProblems() {
        java.util.List<String> taken = java.util.List.copyOf(problems);
        problems.removeAll(taken);
        return taken;
    }

    /** Records the answer to an event a fault posted. */
    void answered(String eventId, int status) {
        faultAnswers.merge(eventId, status, (a, b) -> a == 202 ? a : b);
    }

    /** The answers to events faults posted since the last call, and forgets them. */
    Map<String, Integer> takeFaultAnswers() {
        Map<String, Integer> taken = new HashMap<>(faultAnswers);
        taken.keySet().forEach(faultAnswers::remove);
        return taken;
    }

    Platform platform() {
        return platform;
    }

    WebhookReceiver hook() {
        return hook;
    }

    GreenMail smtp() {
        return smtp;
    }

    AgencyKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            try {
                hook.close();
            } finally {
                smtp.stop();
            }
        }
    }
}
