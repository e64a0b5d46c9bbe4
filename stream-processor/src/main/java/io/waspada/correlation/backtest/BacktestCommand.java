package io.waspada.correlation.backtest;

import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.rules.data.RuleFileException;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.kafka.KafkaConnection;
import io.waspada.sites.SiteRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./waspada rules backtest FILE [--from 30d|ISO-8601] [--sample N]}: runs the rules of a rules file over the
 * events still on the topics and prints what they would have raised ({@link Backtest}). Connects as
 * {@link KafkaConnection#fromEnvironment} says (the launcher: the read-only {@code ops} principal). Exit 2 on bad
 * arguments or an invalid rules file (its {@code file:line: problem} lines), 1 when Kafka cannot be read.
 */
public final class BacktestCommand {

    private BacktestCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Instant.now(), System.out, System.err));
    }

    /** The command against the Kafka {@code env} says, printing to {@code out}; returns the exit status. */
    static int run(String[] args, Map<String, String> env, Instant now, PrintStream out, PrintStream err) {
        RuleSettings settings = RuleSettings.defaults();
        SiteRegistry sites = SiteRegistry.defaults();
        Options options;
        try {
            options = Options.parse(args, now);
        } catch (IllegalArgumentException e) {
            err.println("rules backtest: " + e.getMessage());
            return 2;
        }
        BacktestRules rules;
        try {
            rules = BacktestRules.read(options.file(), settings.grace(), sites);
        } catch (RuleFileException e) {
            e.problems().forEach(err::println);
            err.println("rules backtest: " + options.file() + " has " + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "; nothing was run");
            return 2;
        }
        out.printf("[backtest] %s: %s, over the events written since %s%n", options.file(),
                String.join(", ", rules.ids()), options.from());
        try {
            BacktestReport report = new Backtest(KafkaConnection.fromEnvironment(env, "localhost:9092"),
                    StreamTopics.platform(), out).run(settings, rules, sites, options.from());
            report.print(out, options.sample());
            return 0;
        } catch (org.apache.kafka.common.KafkaException | IllegalArgumentException e) {
            err.println("rules backtest: cannot read the topics: " + e.getMessage());
            return 1;
        }
    }

    /** The command line. */
    record Options(Path file, Instant from, int sample) {

        static Options parse(String[] args, Instant now) {
            List<String> rest = new ArrayList<>(List.of(args));
            Instant from = now.minus(Duration.ofDays(30));
            int sample = 5;
            int at = rest.indexOf("--from");
            if (at >= 0) {
                if (at + 1 >= rest.size()) {
                    throw new IllegalArgumentException("--from wants a time: 30d, 12h or an ISO-8601 instant");
                }
                from = since(rest.get(at + 1), now);
                rest.remove(at + 1);
                rest.remove(at);
            }
            at = rest.indexOf("--sample");
            if (at >= 0) {
                if (at + 1 >= rest.size() || !rest.get(at + 1).matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException("--sample wants a number of alerts to show (0-9999)");
                }
                sample = Integer.parseInt(rest.get(at + 1));
                rest.remove(at + 1);
                rest.remove(at);
            }
            if (rest.size() != 1 || rest.get(0).startsWith("-")) {
                throw new IllegalArgumentException("usage: rules backtest FILE [--from 30d|ISO-8601] [--sample N]");
            }
            Path file = Path.of(rest.get(0));
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
            return new Options(file, from, sample);
        }

        private static Instant since(String text, Instant now) {
            if (text.matches("[0-9]{1,4}[dhm]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 'd' -> now.minus(Duration.ofDays(n));
                    case 'h' -> now.minus(Duration.ofHours(n));
                    default -> now.minus(Duration.ofMinutes(n));
                };
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--from " + text + ": want 30d, 12h, 90m or an ISO-8601 instant "
                        + "such as 2026-11-01T00:00:00Z");
            }
        }
    }
}
