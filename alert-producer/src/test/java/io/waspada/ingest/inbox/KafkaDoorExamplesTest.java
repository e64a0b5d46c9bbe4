package io.waspada.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.AgencyTopics;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The integrator page's Kafka-door examples, run as an agency developer would run them against the real broker (as the
 * agencies' own principals): the Java one in source-file mode with kafka-clients and avro on the class path, the
 * Python one with Debian's python3-avro and python3-kafka. Each report becomes the agency's event with the
 * agreed token of the raw identifier it carried.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(240)
class KafkaDoorExamplesTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = REPO.resolve("docs/examples/kafka-door");
    private static final Pattern PUBLISHED = Pattern.compile("published ([0-9a-f-]{36}) to (\\S+) partition");
    private static final Pseudonymiser TEST_KEY =
            Pseudonymiser.fromBase64("ka6JZ/6AuUa/DLFuH6UtED0QOBctMiWlr01x5Nt+N80=", "test");
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void theJavaExamplePublishesASightingThatBecomesTheAgencysEvent() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = run(List.of(java, "-cp", classPath(), EXAMPLES.resolve("InboxPublisher.java").toString(),
                "X9988776"), "NTF");
        Matcher published = PUBLISHED.matcher(output);
        assertThat(published.find()).as("the example's output: %s", output).isTrue();
        assertThat(published.group(2)).isEqualTo(AgencyTopics.inbox("NTF").name());

        Sighting sighting = TopicScan.awaitOne(Topics.SIGHTINGS, published.group(1));
        assertThat(sighting.getAgency()).isEqualTo("NTF");
        assertThat(sighting.getSubjects().get(0).getIdentifiers().get(0).getToken())
                .isEqualTo(TEST_KEY.token("PASSPORT", "X9988776"));
    }

    @Test
    void thePythonExamplePublishesAnInterceptionThatBecomesTheAgencysEvent() throws Exception {
        Process check = new ProcessBuilder(PYTHON, "-c", "import avro.io, kafka").redirectErrorStream(true)
                .start();
        String missing = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as("Debian's python3 with python3-avro and python3-kafka (./waspada test "
                + "installs them; or apt-get install python3-avro python3-kafka): %s", missing).isZero();

        String output = run(List.of(PYTHON, EXAMPLES.resolve("publish_report.py").toString(), "533987654"), "ID_BP2MI");
        Matcher published = PUBLISHED.matcher(output);
        assertThat(published.find()).as("the example's output: %s", output).isTrue();
        assertThat(published.group(2)).isEqualTo("tip.inbox.id-bp2mi.v1");

        Interception interception = TopicScan.awaitOne(Topics.INTERCEPTIONS, published.group(1));
        assertThat(interception.getAgency()).isEqualTo("ID_BP2MI");
        assertThat(interception.getOutcome().name()).isEqualTo("RESCUED");
        assertThat(interception.getPersonsCount()).isEqualTo(14);
        assertThat(interception.getSubjects().get(0).getIdentifiers().get(0).getToken())
                .isEqualTo(TEST_KEY.token("MMSI", "533987654"));
        assertThat(interception.getFlags()).singleElement().satisfies(flag -> {
            assertThat(flag.getKind().name()).isEqualTo("PROTECT_VICTIM");
            assertThat(flag.getAgency()).isEqualTo("ID_BP2MI");
        });
    }

    /** Runs {@code command} from the repository's root as {@code agency}'s system would; its output, once it ended. */
    private static String run(List<String> command, String agency) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("WASPADA_AGENCY", agency);
        env.put("KAFKA_SASL_PASSWORD", SharedKafka.password(AgencyTopics.principal(agency)));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the example ends").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit status; output: %s", text).isZero();
        return text;
    }

    /** kafka-clients, avro and what they need at run time, from the jars this test runs with. */
    private static String classPath() throws URISyntaxException {
        List<String> jars = new ArrayList<>();
        for (Class<?> type : List.of(KafkaProducer.class, Schema.class, ObjectMapper.class, JsonParser.class,
                JsonAutoDetect.class, org.slf4j.LoggerFactory.class)) {
            jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, jars);
    }
}
