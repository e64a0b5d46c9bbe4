package io.waspada.e2e.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.e2e.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged notifier and stream-processor, started as production starts them (prod profile) with neither an
 * identity provider nor an officers' key: each stops at once, saying what to set, instead of serving an API nobody
 * can authenticate to.
 */
@Timeout(180)
class NoIdentityProviderNoStartTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "notifier-service, No way to verify officers' tokens: set WASPADA_OIDC_SERVER_URL",
        "stream-processor, Officer token key /nowhere/publicKey.pem does not exist: set WASPADA_JWT_PUBLIC_KEY"})
    void refusesToStartSayingWhatToSet(String service, String message) throws Exception {
        Path jar = Platform.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).exists();
        Path log = Files.createTempFile(service, ".log");
        ProcessBuilder builder = new ProcessBuilder(Platform.java(), "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("WASPADA_JWT_PUBLIC_KEY", "/nowhere/publicKey.pem",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "KAFKA_SASL_PASSWORD", "not-used-here",
                "QUARKUS_HTTP_PORT", "0", "KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory("state").toString()));
        builder.environment().remove("WASPADA_OIDC_SERVER_URL");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s stops by itself", service).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains(message);
    }
}
