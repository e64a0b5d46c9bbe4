package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier killed with SIGKILL (as {@code kill -9}) in its failure windows, on the real broker with the packaged
 * service and a real webhook receiver: afterwards every alert has been paged to the receiver its route names, at
 * least once: a page may repeat across the crash, with the {@code Idempotency-Key} of its first sending, so a receiver
 * that acts once per key acts once per alert.
 */
@Timeout(900)
class NotifierCrashWindowTest {

    private static final int ALERTS = 30;
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration PAGED = Duration.ofSeconds(120);

    @Test
    void killedBetweenRoutingAndDeliveryEveryAlertIsPagedAfterTheRestart() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); Platform platform = Platform.startKafka(Map.of())) {
            Map<String, String> env = env(hook);
            PlatformProcess notifier = platform.startService("notifier-service", env, READY);
            List<String> ids = PagedAlerts.send(platform, "between", ALERTS);
            // Each routing decision is on the audit trail and each page was tried and refused: none was delivered.
            await(() -> AuditTrailReader.routed(platform, ids).containsAll(ids) && hook.refused() >= ids.size(),
                    "every alert routed and its page refused at least once", PAGED);
            notifier.kill();
            hook.accept();
            long restart = System.nanoTime();
            platform.startService("notifier-service", env, READY);
            await(() -> Set.copyOf(hook.accepted()).containsAll(ids), "every alert paged after the restart", PAGED);
            report("killed between routing and delivery", ids, hook, restart);
        }
    }

    @Test
    void killedWhileAlertsArriveEveryAlertIsPagedAfterTheRestart() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); Platform platform = Platform.startKafka(Map.of())) {
            hook.accept();
            Map<String, String> env = env(hook);
            PlatformProcess notifier = platform.startService("notifier-service", env, READY);
            List<String> ids = PagedAlerts.send(platform, "arriving", ALERTS);
            // Killed at the first routing decision: some alerts are decided and paged, some decided only, some unread.
            await(() -> !AuditTrailReader.routed(platform, ids).isEmpty(), "a first routing decision", PAGED);
            notifier.kill();
            int pagedBefore = Set.copyOf(hook.accepted()).size();
            long restart = System.nanoTime();
            platform.startService("notifier-service", env, READY);
            await(() -> Set.copyOf(hook.accepted()).containsAll(ids), "every alert paged after the restart", PAGED);
            System.out.printf(Locale.ROOT, "[faults] %d of %d alerts were paged before the kill%n", pagedBefore,
                    ids.size());
            report("killed while alerts arrive", ids, hook, restart);
        }
    }

    private static Map<String, String> env(WebhookReceiver hook) throws Exception {
        Path routing = HookRouting.webhookOnly(hook);
        Map<String, String> env = new HashMap<>();
        env.put("WASPADA_ROUTING_CONFIG", routing.toString());
        // A page keeps being retried through the kill (the window stays open), every half second at first.
        env.put("WASPADA_WEBHOOK_MAX_ATTEMPTS", "100");
        env.put("WASPADA_WEBHOOK_INITIAL_BACKOFF", "PT0.5S");
        env.put("WASPADA_WEBHOOK_MAX_BACKOFF", "PT2S");
        return env;
    }

    private static void report(String scenario, List<String> ids, WebhookReceiver hook, long restart) {
        List<String> accepted = hook.accepted();
        Map<String, Integer> pages = new HashMap<>();
        accepted.forEach(id -> pages.merge(id, 1, Integer::sum));
        long repeated = pages.values().stream().filter(n -> n > 1).count();
        Set<String> actedOn = hook.actedOn();
        System.out.printf(Locale.ROOT, "[faults] %s: %d alerts, %d paged after the restart (%d paged more than once, "
                + "%d acted on more than once by a receiver that acts once per Idempotency-Key), all paged %.1f s "
                + "after the restart began%n", scenario, ids.size(), ids.stream().filter(pages::containsKey).count(),
                repeated, actedOn.size() - pages.size(), (System.nanoTime() - restart) / 1e9);
        assertThat(pages.keySet()).containsAll(ids);
        // A page sent again across the crash carries the key of its first sending: acted on once.
        assertThat(actedOn).hasSize(pages.size());
        // Only the planted alerts went to the receiver, each to the receiver its route names.
        assertThat(pages.keySet()).allMatch(Set.copyOf(ids)::contains);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what, Duration deadline) {
        org.awaitility.Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
