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
        rig.takeProblems();
        rig.takeFaultAnswers();
        TopicLedger before = TopicLedger.read(rig.platform().connection());
        int refusedBefore = rig.hook().refused();
        log("%s: feed at %.0f events/s for %d s, the fault %d s in for %d s", scenario.name(), pace.rate(),
                pace.feed().toSeconds(), pace.lead().toSeconds(), scenario.hold().toSeconds());
        AgencyFeedRun.Running feed = AgencyFeedRun.start(rig.platform().url("alert-producer"), rig.keys(), feedDir,
                List.of("--rate", Double.toString(pace.rate()), "--duration", pace.feed().toSeconds() + "s",
                        "--seed", Integer.toString(seed), "--plant-every", pace.plantEvery().toSeconds() + "s",
                        "--progress", "10", "--answer-log", feedDir.resolve("answers.txt").toString()));
        try {
            Instant started = Instant.now();
            awaitUntil(() -> !Instant.now().isBefore(started.plus(pace.lead())), "the fault's start", pace.lead()
                    .plusSeconds(5));
            Instant faultStart = Instant.now();
            try {
                scenario.inject().run(rig);
                log("%s: injected", scenario.name());
                Instant holdEnd = faultStart.plus(scenario.hold());
                awaitUntil(() -> !Instant.now().isBefore(holdEnd), "the fault's end", scenario.hold().plusSeconds(5));
            } finally {
                // Also when injecting failed: a frozen Kafka or a refusing receiver must not outlive its scenario.
                scenario.end().run(rig);
            }
            Instant faultEnd = Instant.now();
            log("%s: ended after %.1f s", scenario.name(), seconds(faultStart, faultEnd));
            if (scenario.refusesPages() && rig.hook().refused() == refusedBefore) {
                rig.problem("the receiver refused nothing: the outage did not happen");
            }
            Set<String> raisedByTheEnd = new HashSet<>(TopicLedger.read(rig.platform().connection()).alertIds());
            raisedByTheEnd.removeAll(before.alertIds());
            try (ConsumerLag lag = new ConsumerLag(rig.platform().connection())) {
                long calm = Math.max(50, (long) (pace.rate() * 2));
                double recover = Double.NaN;
                try {
                    awaitUntil(() -> rig.allReady() && caughtUp(lag, calm)
                            && rig.hook().firstAccepted().keySet().containsAll(raisedByTheEnd), "recovery", SETTLE);
                    recover = seconds(faultEnd, Instant.now());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    rig.problem("not recovered within " + SETTLE.toMinutes() + " minutes of the fault's end");
                }
                AgencyFeedRun run = feed.awaitFinished(pace.feed().plus(Duration.ofMinutes(3)));
                try {
                    awaitUntil(() -> caughtUp(lag, 0), "every consumer at the end of its topics", SETTLE);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    rig.problem("a consumer group still behind " + SETTLE.toMinutes() + " minutes after the feed");
                }
                return count(rig, scenario, run, feedDir.resolve("answers.txt"), before, faultStart, faultEnd,
                        recover);
            }
        } finally {
            feed.stop();
        }
    }

    private static ScenarioRow count(FaultRig rig, FaultScenario scenario, AgencyFeedRun run, Path answerLog,
            TopicLedger before, Instant faultStart, Instant faultEnd, double recover) {
        Map<String, Integer> answers = answers(answerLog);
        checkAnswerLog(rig, run.summary(), answers);
        answers.putAll(rig.takeFaultAnswers());
        TopicLedger ledger = TopicLedger.read(rig.platform().connection());
        Set<String> raised = new HashSet<>(ledger.alertIds());
        raised.removeAll(before.alertIds());
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
        duplicates.removeAll(before.duplicateVersions());
        int poison = ledger.undecodable() - before.undecodable();
        if (scenario.plantsPoison() && poison != 1) {
            rig.problem(poison + " undecodable records found on the alerts topic, not the 1 planted");
        }

        // Planted patterns whose every event was accepted must each raise one alert of their type.
        int expected = 0;
        int found = 0;
        int timed = 0;
        double maxDelay = 0;
        Set<String> spread = new java.util.TreeSet<>();
        Map<String, JsonNode> calls = new HashMap<>();
        run.plantedCalls().forEach(call -> calls.put(call.path("eventId").asText(), call));
        for (JsonNode pattern : run.summary().path("planted")) {
            Set<String> ids = new HashSet<>();
            pattern.path("eventIds").forEach(id -> ids.add(id.asText()));
            if (!ids.stream().filter(calls::containsKey).allMatch(id -> answers.get(id) != null && answers.get(id) == 202)) {
                continue;
            }
            expected++;
            String type = pattern.path("expectedAlertType").asText();
            Set<String> alertIds = new HashSet<>();
            ledger.alerts().stream().filter(a -> a.type().equals(type) && a.evidence().stream().anyMatch(ids::contains))
                    .forEach(a -> alertIds.add(a.alertId()));
            if (alertIds.isEmpty()) {
                continue;
            }
            found++;
            if (alertIds.size() > 1) {
                // Alerts are per rule, key and event-time grid cell: evidence near a cell's edge may count for two
                // cells' alerts. Shown, for a reader to judge; a duplicate is an (alertId, version) committed twice.
                spread.add(pattern.path("pattern").asText() + " -> " + new java.util.TreeSet<>(alertIds));
            }
            Instant lastSent = ids.stream().map(calls::get).filter(java.util.Objects::nonNull)
                    .map(c -> Instant.parse(c.path("sentAt").asText())).max(Instant::compareTo).orElse(null);
            Instant pagedAt = alertIds.stream().map(paged::get).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo).orElse(null);
            boolean duringFault = lastSent != null && !lastSent.isBefore(faultStart)
                    && lastSent.isBefore(faultEnd.plusSeconds(30));
            if (duringFault && pagedAt != null) {
                timed++;
                maxDelay = Math.max(maxDelay, seconds(lastSent, pagedAt));
            }
        }
        spread.forEach(line -> rig.note(scenario.number() + ": a planted pattern's events are in more than one alert: "
                + line));
        Set<String> pagedHere = new HashSet<>(raised);
        pagedHere.retainAll(paged.keySet());
        ScenarioRow row = new ScenarioRow(scenario.name(), accepted, onTopics, writtenTwice, expected, found,
                duplicates.size(), raised.size(), pagedHere.size(), mailed.size(), timed == 0 ? Double.NaN : maxDelay,
                recover, rig.takeProblems());
        log("%s: %s", scenario.name(), row);
        return row;
    }

    /**
     * The answer log must account for every event the feed posted and agree with its own counts; a feed that still
     * had calls unanswered at its end may have left a 202 out of the log, which would hide a loss.
     */
    private static void checkAnswerLog(FaultRig rig, JsonNode summary, Map<String, Integer> answers) {
        long posted = summary.path("counts").path("posted").asLong();
        long accepted = summary.path("counts").path("accepted").asLong();
        long logged202 = answers.values().stream().filter(s -> s == 202).count();
        if (answers.size() < posted || logged202 != accepted) {
            rig.problem("the answer log holds " + answers.size() + " events (" + logged202 + " accepted) but the feed "
                    + "posted " + posted + " (" + accepted + " accepted)");
        }
        if (summary.path("schedule").path("unanswered").asLong() > 0) {
            rig.problem(summary.path("schedule").path("unanswered").asLong() + " feed calls still unanswered at its end");
        }
    }

    /** Per eventId, the last status the feed was answered (-1: no answer). */
    private static Map<String, Integer> answers(Path file) {
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
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
