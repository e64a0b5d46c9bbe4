package io.waspada.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.kafka.local.KafkaTestResource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of {@code docs/INTEGRATING.md} work: each fenced block marked {@code <!-- tested: LANGUAGE -->} runs,
 * as an agency developer would run it, against this service (a real broker behind it) with an agency's API key in
 * {@code WASPADA_KEY} and the base URL in {@code WASPADA_URL}, and must succeed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(300)
class IntegratingGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "INTEGRATING.md");
    private static final Pattern TESTED = Pattern.compile("<!-- tested: (\\w+) -->\\s*```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path dir;

    @Test
    void theJavaExampleCompilesAndPostsASightingAndItsResend() throws Exception {
        Path source = dir.resolve("PostSighting.java");
        Files.writeString(source, example("java"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = run(List.of(java, source.toString()), "RMP");
        assertThat(output).contains("202 ").contains("\"duplicate\":true");
    }

    @Test
    void thePythonExamplePostsResendsAndReadsAProblem() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed here");
        Path script = dir.resolve("post_sighting.py");
        Files.writeString(script, example("python"));
        String output = run(List.of("python3", script.toString()), "MMEA");
        assertThat(output).contains("written to tip.sightings.v1").contains("resend answered duplicate: True")
                .contains("refused: handling enum");
    }

    @Test
    void theCurlExampleRunsEveryCall() throws Exception {
        assumeTrue(onPath("curl") && onPath("bash"), "curl or bash is not installed here");
        Path script = dir.resolve("waspada-demo.sh");
        Files.writeString(script, example("curl"));
        String output = run(List.of("bash", script.toString()), "IMMIGRATION");
        assertThat(output).contains("\"duplicate\":true").contains("\"accepted\":2").contains("\"created\":true")
                .contains("\"removed\":true").contains("HTTP 422").contains("\"field\":\"handling\"");
    }

    private static String example(String language) throws IOException {
        Matcher blocks = TESTED.matcher(Files.readString(GUIDE));
        String found = null;
        while (blocks.find()) {
            if (blocks.group(1).equals(language)) {
                assertThat(found).as("one tested " + language + " example").isNull();
                found = blocks.group(2);
            }
        }
        assertThat(found).as("a tested " + language + " example in " + GUIDE).isNotNull();
        return found;
    }

    /** Runs it with the guide's environment; its output, after asserting it exited 0 in time. */
    private String run(List<String> command, String agency) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("WASPADA_URL", base.toString().replaceAll("/$", ""));
        builder.environment().put("WASPADA_KEY", TestCredentials.apiKey(agency));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished: " + output).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " exit status; output:\n" + output).isZero();
        return output;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
