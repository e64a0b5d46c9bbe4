package io.waspada.e2e.launcher;

import io.waspada.e2e.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./waspada} run as a person runs it in a terminal: {@code setsid} makes it the leader of its own process group,
 * as a shell makes a foreground job, so {@link #signalGroup} reaches every process of that group as a terminal's
 * Ctrl-C does. Output goes to a file; the state directory ({@code WASPADA_HOME}) is the caller's.
 */
final class LauncherRun implements AutoCloseable {

    static final Path SCRIPT = Platform.root().resolve("waspada");

    private final Process process;
    private final Path output;
    private final Path home;

    private LauncherRun(Process process, Path output, Path home) {
        this.process = process;
        this.output = output;
        this.home = home;
    }

    /** Starts {@code setsid --wait ./waspada ARGS} with {@code env} added to this JVM's environment. */
    static LauncherRun inOwnGroup(Path home, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("setsid", "--wait", SCRIPT.toString()));
        command.addAll(List.of(args));
        return start(command, home, env);
    }

    /** Starts {@code ./waspada ARGS} as a plain child, for commands that end by themselves. */
    static LauncherRun plain(Path home, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return start(command, home, env);
    }

    private static LauncherRun start(List<String> command, Path home, Map<String, String> env) {
        try {
            Path output = Files.createTempFile(home.getParent(), "launcher-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(Platform.root().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            builder.environment().put("WASPADA_HOME", home.toString());
            return new LauncherRun(builder.start(), output, home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, waiting up to {@code deadline}; fails with the output if it is still running. */
    int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("./waspada still running after " + deadline + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** The lock file's lines as the launcher writes them: {@code launcher PID}, {@code part NAME PID ADDRESS}, ... */
    String lockText() {
        try {
            Path lock = home.resolve("waspada.lock");
            return Files.exists(lock) ? Files.readString(lock, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long launcherPid() {
        return lockText().lines().filter(line -> line.startsWith("launcher ")).map(line -> Long.parseLong(line.substring(9)))
                .findFirst().orElseThrow(() -> new AssertionError("no launcher in the lock file:\n" + lockText()));
    }

    /** The parts the launcher recorded, name to PID, in start order. */
    Map<String, Long> parts() {
        Map<String, Long> parts = new LinkedHashMap<>();
        lockText().lines().filter(line -> line.startsWith("part ")).map(line -> line.split(" ", 4))
                .forEach(fields -> parts.put(fields[1], Long.parseLong(fields[2])));
        return parts;
    }

    /** {@code kill -SIGNAL -- -PGID}: the signal to every process of the launcher's group, as a terminal sends it. */
    void signalGroup(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + launcherPid()).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " -- -" + launcherPid() + " failed");
        }
    }

    /** Leaves nothing behind when a test fails half-way: KILL to the group and to every recorded part. */
    @Override
    public void close() {
        if (process.isAlive() || parts().values().stream().anyMatch(Processes::alive)) {
            parts().values().forEach(Processes::kill);
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            lockText().lines().filter(line -> line.startsWith("launcher ")).findFirst()
                    .ifPresent(line -> Processes.kill(Long.parseLong(line.substring(9))));
        }
    }
}
