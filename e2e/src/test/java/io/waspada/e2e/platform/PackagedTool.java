package io.waspada.e2e.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command-line tool of a packaged service (a main class on its {@code target/quarkus-app} classpath), run as its
 * own {@link PlatformProcess} the way {@code ./waspada} runs it; its output goes to {@code target/e2e-logs/<name>.log}.
 */
public final class PackagedTool {

    private final PlatformProcess process;

    private PackagedTool(PlatformProcess process) {
        this.process = process;
    }

    /** Starts {@code mainClass} of {@code service} with {@code args}; {@code name} names its log file. */
    public static PackagedTool start(String service, String mainClass, String name, List<String> jvmOptions,
            List<String> args) {
        Path app = Platform.root().resolve(service).resolve("target/quarkus-app");
        if (!Files.isDirectory(app)) {
            throw new IllegalStateException(app + " is missing: run ./mvnw package (or install) first");
        }
        // lib/boot too: a tool using a Quarkus-configured library (smallrye-jwt's builder) needs Quarkus' config there.
        String classpath = app.resolve("app") + "/*" + File.pathSeparator + app.resolve("lib/boot") + "/*"
                + File.pathSeparator + app.resolve("lib/main") + "/*";
        List<String> command = new ArrayList<>(List.of(Platform.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        return new PackagedTool(PlatformProcess.start(name, command, Map.of(), Platform.logDir()));
    }

    /**
     * Starts {@code mainClass} of a plain module ({@code target/<module>.jar} and its {@code target/lib}, as
     * {@code ./waspada} runs the agency feed) with {@code args}; {@code name} names its log file.
     */
    public static PackagedTool startJar(String module, String mainClass, String name, List<String> jvmOptions,
            List<String> args) {
        Path target = Platform.root().resolve(module).resolve("target");
        if (!Files.isRegularFile(target.resolve(module + ".jar"))) {
            throw new IllegalStateException(target.resolve(module + ".jar") + " is missing: run ./mvnw package first");
        }
        List<String> command = new ArrayList<>(List.of(Platform.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", target.resolve(module + ".jar") + File.pathSeparator + target.resolve("lib")
                + "/*", mainClass));
        command.addAll(args);
        return new PackagedTool(PlatformProcess.start(name, command, Map.of(), Platform.logDir()));
    }

    /** Runs to completion within {@code deadline} (killed past it) and fails, showing its log, unless it exits with 0. */
    public void awaitSuccess(Duration deadline) {
        process.awaitSuccess(deadline);
    }

    /** Stops the tool if it still runs (SIGTERM, then SIGKILL after 30 s); nothing when it has exited. */
    public void stop() {
        process.close();
    }

    /** Runs to completion within {@code deadline} (killed past it, failing); its exit code. */
    public int awaitExit(Duration deadline) {
        return process.awaitExit(deadline);
    }
}
