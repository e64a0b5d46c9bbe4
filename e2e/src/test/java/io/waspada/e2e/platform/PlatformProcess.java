package io.waspada.e2e.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One part of the platform running as its own OS process, its output in a log file; stops on close. */
public final class PlatformProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private PlatformProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Log names taken in this JVM: a name started again (a restart, a later test) logs to {@code name.2.log}, ... */
    private static final Map<String, Integer> STARTS = new java.util.concurrent.ConcurrentHashMap<>();

    static PlatformProcess start(String name, List<String> command, Map<String, String> env, Path logDir) {
        try {
            Files.createDirectories(logDir);
            int start = STARTS.merge(name, 1, Integer::sum);
            Path log = logDir.resolve(start == 1 ? name + ".log" : name + "." + start + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new PlatformProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the log holds {@code marker}; fails naming the log if the process dies or time runs out. */
    void awaitLogLine(String marker, Duration deadline) {
        await(() -> logText().contains(marker), "'" + marker + "' in its log", deadline);
    }

    /** Waits until {@code url} answers 200. */
    void awaitHttpOk(String url, Duration deadline) {
        await(() -> status(url) == 200, url + " answering 200", deadline);
    }

    private void await(BooleanSupplier condition, String what, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + ") before "
                        + what + "; log " + log + ":\n" + tail());
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(name + ": no " + what + " within " + deadline + "; log " + log
                        + ":\n" + tail());
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits for the process to exit within {@code deadline} (killed past it); fails naming the log unless it exits 0. */
    void awaitSuccess(Duration deadline) {
        int exit = awaitExit(deadline);
        if (exit != 0) {
            throw new IllegalStateException(name + " exited with " + exit + "; log " + log + ":\n" + tail());
        }
    }

    /** Waits for the process to exit within {@code deadline} (killed past it, failing); its exit code. */
    int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not finish within " + deadline + "; log " + log + ":\n"
                        + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status of a GET of {@code url}, or -1 when nothing answers within 2 s. */
    public static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    public String name() {
        return name;
    }

    /** The operating system's process id (for jcmd, kill). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Writes one line to the process's standard input (a multi-node Kafka's {@code stop-node N}). */
    public void tell(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell " + name + " '" + line + "'", e);
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed or committed; waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM without waiting (several processes asked to stop at once; then {@link #close} each). */
    void signalStop() {
        process.destroy();
    }

    /** SIGTERM, then waits; a process that ignores it is killed after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
