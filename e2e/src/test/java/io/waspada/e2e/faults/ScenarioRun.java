package io.waspada.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.e2e.platform.AgencyFeedRun;
import io.waspada.e2e.platform.ConsumerLag;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs one {@link FaultScenario} on the rig: the agency feed posts at a steady rate with planted patterns; {@code lead}
 * into it the fault starts, {@code hold} later it ends; when the feed is done and the consumers have caught up, every
 * topic is read to its end and the scenario's row is counted from what the feed was answered, what the topics hold
 * and what the webhook receiver and the SMTP server got.
 */
final class ScenarioRun {

    static final String CORRELATION_GROUP = "waspada-correlation";
    static final String DELIVERY_GROUP = "notifier-service-delivery";
    private static final List<String> EVENT_TOPICS = List.of(Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name());
    private static final Duration SETTLE = Duration.ofMinutes(15);

    /** How hard and how long the feed runs around the fault. */
    record Pace(double rate, Duration feed, Duration lead, Duration plantEvery) {
    }

    private ScenarioRun() {
    }

    static ScenarioRow run(FaultRig rig, FaultScenario scenario, Pace pace, Path dir, int seed) throws Exception {
        Path feedDir = Files.createDirectories(dir.resolve("scenario-" + seed));
        TopicLedger before = TopicLedger.read(rig.platform().connection());
        Set<String> alertsBefore = before.alertIds();
        log("%s: feed at %.0f events/s for %d s, the fault %d s in for %d s", scenario.name(), pace.rate(),
                pace.feed().toSeconds(), pace.lead().toSeconds(), scenario.hold().toSeconds());
        AgencyFeedRun.Running feed = AgencyFeedRun.start(rig.platform().url("alert-producer"), rig.keys(), feedDir,
                List.of("--rate", Double.toString(pace.rate()), "--duration", pace.feed().toSeconds() + "s",
                        "--seed", Integer.toString(seed), "--plant-every", pace.plantEvery().toSeconds() + "s",
                        "--progress", "10", "--answer-log", feedDir.resolve("answers.txt").toString()));
        Instant started = Instant.now();
        awaitUntil(() -> !Instant.now().isBefore(started.plus(pace.lead())), "the fault's start", pace.lead()
                .plusSeconds(5));
        Instant faultStart = Instant.now();
        scenario.inject().run(rig);
        log("%s: injected", scenario.name());
        Instant holdEnd = faultStart.plus(scenario.hold());
        awaitUntil(() -> !Instant.now().isBefore(holdEnd), "the fault's end", scenario.hold().plusSeconds(5));
        scenario.end().run(rig);
        Instant faultEnd = Instant.now();
        log("%s: ended after %.1f s", scenario.name(), seconds(faultStart, faultEnd));

        Set<String> raisedByTheEnd = TopicLedger.read(rig.platform().connection()).alertIds();
        double recover;
        try (ConsumerLag lag = new ConsumerLag(rig.platform().connection())) {
            long calm = Math.max(50, (long) (pace.rate() * 2));
            awaitUntil(() -> rig.allReady() && caughtUp(lag, calm)
                    && rig.hook().firstAccepted().keySet().containsAll(raisedByTheEnd), "recovery", SETTLE);
            recover = seconds(faultEnd, Instant.now());
            AgencyFeedRun run = feed.awaitFinished(pace.feed().plus(Duration.ofMinutes(3)));
            awaitUntil(() -> caughtUp(lag, 0), "every consumer at the end of its topics", SETTLE);
            return count(rig, scenario, run, feedDir, alertsBefore, before.duplicateVersions(), faultStart, faultEnd,
                    recover);
        }
    }

    private static ScenarioRow count(FaultRig rig, FaultScenario scenario, AgencyFeedRun run, Path feedDir,
            Set<String> alertsBefore, Set<String> duplicatesBefore, Instant faultStart, Instant faultEnd,
            double recover) throws IOException {
        Map<String, Integer> answers = answers(feedDir.resolve("answers.txt"));
        answers.putAll(rig.takeFaultAnswers());
        TopicLedger ledger = TopicLedger.read(rig.platform().connection());
        Set<String> raised = new HashSet<>(ledger.alertIds());
        raised.removeAll(alertsBefore);
        // Every alert raised is routed to HOOK: each must reach its webhook and its mailbox.
        awaitQuietly(() -> rig.hook().firstAccepted().keySet().containsAll(raised) && Mailbox.named(rig.smtp(), raised)
                .size() == raised.size(), Duration.ofMinutes(3));
        Map<String, Instant> paged = rig.hook().firstAccepted();
        Set<String> mailed = Mailbox.named(rig.smtp(), raised);

        long accepted = answers.values().stream().filter(s -> s == 202).count();
        long onTopics = answers.entrySet().stream().filter(a -> a.getValue() == 202 && ledger.writes(a.getKey()) > 0)
                .count();
        long writtenTwice = answers.keySet().stream().filter(id -> ledger.writes(id) > 1).count();
        Set<String> duplicates = new HashSet<>(ledger.duplicateVersions());
        duplicates.removeAll(duplicatesBefore);

        // Planted patterns whose every event was accepted must each raise their alert.
        int expected = 0;
        int found = 0;
        double maxDelay = 0;
        Map<String, JsonNode> calls = new HashMap<>();
        run.plantedCalls().forEach(call -> calls.put(call.path("eventId").asText(), call));
        for (JsonNode pattern : run.summary().path("planted")) {
            Set<String> ids = new HashSet<>();
            pattern.path("eventIds").forEach(id -> ids.add(id.asText()));
            if (!ids.stream().filter(answers::containsKey).allMatch(id -> answers.get(id) == 202)) {
                continue;
            }
            expected++;
            String type = pattern.path("expectedAlertType").asText();
            var alert = ledger.alerts().stream().filter(a -> a.type().equals(type)
                    && a.evidence().stream().anyMatch(ids::contains)).findFirst();
            if (alert.isEmpty()) {
                continue;
            }
            found++;
            Instant lastSent = ids.stream().map(calls::get).filter(java.util.Objects::nonNull)
                    .map(c -> Instant.parse(c.path("sentAt").asText())).max(Instant::compareTo).orElse(null);
            Instant pagedAt = paged.get(alert.get().alertId());
            boolean duringFault = lastSent != null && !lastSent.isBefore(faultStart)
                    && lastSent.isBefore(faultEnd.plusSeconds(30));
            if (duringFault && pagedAt != null) {
                maxDelay = Math.max(maxDelay, seconds(lastSent, pagedAt));
            }
        }
        Set<String> pagedHere = new HashSet<>(raised);
        pagedHere.retainAll(paged.keySet());
        ScenarioRow row = new ScenarioRow(scenario.name(), accepted, onTopics, writtenTwice, expected, found,
                duplicates.size(), raised.size(), pagedHere.size(), mailed.size(), maxDelay, recover,
                rig.takeProblems());
        log("%s: %s", scenario.name(), row);
        return row;
    }

    /** Per eventId, the last status the feed was answered (-1: no answer). */
    private static Map<String, Integer> answers(Path file) {
        Map<String, Integer> answers = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2) {
                    answers.merge(parts[1], Integer.parseInt(parts[0]), (a, b) -> a == 202 ? a : b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answers;
    }

    private static boolean caughtUp(ConsumerLag lag, long calm) {
        long correlation = lag.of(CORRELATION_GROUP, EVENT_TOPICS);
        long delivery = lag.of(DELIVERY_GROUP, List.of(Topics.ALERTS.name()));
        return correlation >= 0 && correlation <= calm && delivery >= 0 && delivery <= calm;
    }

    private static void awaitUntil(BooleanSupplier condition, String what, Duration deadline) {
        org.awaitility.Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(condition::getAsBoolean);
    }

    /** Waits up to {@code deadline}; what did not arrive is counted as missing, not failed here. */
    private static void awaitQuietly(BooleanSupplier condition, Duration deadline) {
        try {
            awaitUntil(condition, "every page", deadline);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            log("not every alert paged and mailed within %d s", deadline.toSeconds());
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[faults] " + format + "%n", args);
    }
}
