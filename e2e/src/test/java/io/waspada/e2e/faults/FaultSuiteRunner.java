package io.waspada.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs scenarios one after the other on one {@link FaultRig}, then prints the table (also written to
 * {@code target/<name>.txt}): one row per scenario, the same rig throughout, so a later scenario also meets what an
 * earlier one left (poison records stay on the compacted topics; a restarted instance is one of the two again).
 */
final class FaultSuiteRunner {

    /** A scenario with the pace of the feed around it. */
    record Planned(FaultScenario scenario, ScenarioRun.Pace pace) {
    }

    /**
     * Faster retries of a refused webhook (0.5 s doubling to 5 s instead of 1 s to 1 min), so a receiver's outage of
     * minutes compresses into the suite; everything else as shipped.
     */
    static final Map<String, String> SETTINGS = Map.of("WASPADA_WEBHOOK_INITIAL_BACKOFF", "PT0.5S",
            "WASPADA_WEBHOOK_MAX_BACKOFF", "PT5S");

    private FaultSuiteRunner() {
    }

    /** A pace: {@code rate} events/s, the fault {@code lead} into the feed, the feed running on a minute past its end. */
    static ScenarioRun.Pace pace(double rate, Duration lead, FaultScenario scenario) {
        return new ScenarioRun.Pace(rate, lead.plus(scenario.hold()).plusSeconds(60), lead, Duration.ofSeconds(10));
    }

    static List<ScenarioRow> run(String name, List<Planned> plan, Path dir) throws Exception {
        long started = System.nanoTime();
        ScenarioRun.log("starting 3 Kafka brokers, ingest, 2 stream-processors, 2 notifiers, a webhook receiver and "
                + "an SMTP server");
        List<ScenarioRow> rows = new ArrayList<>();
        try (FaultRig rig = FaultRig.start(dir, SETTINGS)) {
            ScenarioRun.log("platform ready in %.0f s", (System.nanoTime() - started) / 1e9);
            int seed = 1;
            for (Planned planned : plan) {
                rows.add(ScenarioRun.run(rig, planned.scenario(), planned.pace(), dir, seed++));
                print(name, rows, rig.notes(), started);
            }
        }
        return rows;
    }

    private static void print(String name, List<ScenarioRow> rows, List<String> notes, long started)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "Fault suite (%s): 3 brokers, 2 stream-processors, 2 notifiers; "
                + "%.0f s so far", name, (System.nanoTime() - started) / 1e9));
        lines.add(ScenarioRow.HEADER);
        rows.forEach(row -> lines.add(row.line()));
        lines.add("alerts e/r = planted patterns whose every event was accepted / of them, raised as their alert type; "
                + "pages and mails e/r = alerts raised during the scenario / of them, paged to the webhook and mailed; "
                + "lost = accepted (202) but not on its topic; twice = an event written more "
                + "than once; dup = (alertId, version) committed twice; max delay = POST of a pattern's last event "
                + "during the fault -> its page; recover = fault's end -> every instance ready, consumers caught up, "
                + "every alert raised so far paged");
        lines.addAll(notes);
        rows.forEach(row -> row.problems().forEach(problem -> lines.add("PROBLEM in " + row.scenario() + ": "
                + problem)));
        String text = String.join("\n", lines);
        System.out.println(text);
        Files.writeString(Path.of("target", name + ".txt"), text + "\n");
    }
}
