package io.waspada.e2e.platform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool of a packaged service (a main class on its {@code target/quarkus-app} classpath), run as its
 * own process the way {@code ./waspada} runs it; stdout and stderr go to files under {@code target/e2e-logs}.
 */
public final class PackagedTool {

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private PackagedTool(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code mainClass} of {@code service} with {@code args}; {@code name} names its log files. */
    public static PackagedTool start(String service, String mainClass, String name, List<String> jvmOptions,
            List<String> args) {
        Path app = Platform.root().resolve(service).resolve("target/quarkus-app");
        if (!Files.isDirectory(app)) {
            throw new IllegalStateException(app + " is missing: run ./mvnw package (or install) first");
        }
        String classpath = app.resolve("app") + "/*" + File.pathSeparator + app.resolve("lib/main") + "/*";
        List<String> command = new ArrayList<>(List.of(Platform.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        try {
            Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
            Files.createDirectories(logs);
            Path out = logs.resolve(name + ".out");
            Path err = logs.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new PackagedTool(name, process, out, err);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the tool to exit within {@code deadline} and returns its exit code; kills it past the deadline. */
    public int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not finish within " + deadline + "; log " + stderr
                        + ":\n" + read(stderr));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Runs to completion and fails, showing its log, unless it exits with 0. */
    public String awaitSuccess(Duration deadline) {
        int code = awaitExit(deadline);
        if (code != 0) {
            throw new IllegalStateException(name + " exited with " + code + "; log " + stderr + ":\n" + read(stderr)
                    + "\n" + read(stdout));
        }
        return read(stdout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return stderr;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
