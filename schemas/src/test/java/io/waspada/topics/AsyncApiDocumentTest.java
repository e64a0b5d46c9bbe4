package io.waspada.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.KafkaAccess;
import io.waspada.schemas.AvroSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serdes;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} says what the code does: every topic of {@link Topics#ALL} is a channel with its
 * {@link TopicSpec}, its value format (the Avro schema its serde uses, or a JSON schema for JSON-string topics, or
 * bytes), a key; every operation is one its principal may perform by {@code principals.yaml}.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final String AVRO_FORMAT = "application/vnd.apache.avro";

    /**
     * Address templates of topic families whose topics are made at run time (one per agency, say), each a channel
     * whose address has {@code {parameters}}; none yet. A family listed here is checked by
     * {@link #parameterisedChannelsAreKnownFamiliesWithDeclaredParameters()} instead of against {@link Topics#ALL}.
     */
    private static final Set<String> TOPIC_FAMILIES = Set.of("tip.inbox.{agency}.v1", "tip.rejects.{agency}.v1");

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final AsyncApiDocument document = AsyncApiDocument.read(DOCUMENT);

    @Test
    void hasTheRequiredStructureOfAnAsyncApi3Document() {
        JsonNode root = document.root();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(root.path("asyncapi").asText()).as("asyncapi").matches("3\\.0\\.\\d+");
        soft.assertThat(root.path("info").path("title").asText()).as("info.title").isNotBlank();
        soft.assertThat(root.path("info").path("version").asText()).as("info.version").isNotBlank();
        soft.assertThat(root.path("servers").size()).as("servers").isPositive();
        for (Map.Entry<String, JsonNode> server : AsyncApiDocument.fields(root.path("servers")).entrySet()) {
            soft.assertThat(server.getValue().path("host").asText()).as(server.getKey() + ".host").isNotBlank();
            soft.assertThat(server.getValue().path("protocol").asText()).as(server.getKey() + ".protocol")
                    .isIn("kafka", "kafka-secure");
            soft.assertThat(AsyncApiDocument.elements(server.getValue().path("security")))
                    .as(server.getKey() + ".security").isNotEmpty()
                    .allSatisfy(s -> assertThat(document.resolve(s).path("type").asText()).isEqualTo("scramSha512"));
        }
        for (Map.Entry<String, JsonNode> channel : document.channels().entrySet()) {
            soft.assertThat(channel.getValue().path("address").asText()).as(channel.getKey() + ".address").isNotBlank();
            soft.assertThat(channel.getValue().path("messages").size()).as(channel.getKey() + ".messages").isPositive();
            for (Map.Entry<String, JsonNode> message : AsyncApiDocument.fields(channel.getValue().path("messages")).entrySet()) {
                JsonNode resolved = document.resolve(message.getValue());
                soft.assertThat(resolved.has("payload")).as(channel.getKey() + "." + message.getKey() + ".payload").isTrue();
            }
        }
        for (Map.Entry<String, JsonNode> operation : document.operations().entrySet()) {
            String id = operation.getKey();
            JsonNode op = operation.getValue();
            soft.assertThat(op.path("action").asText()).as(id + ".action").isIn("send", "receive");
            String channelRef = op.path("channel").path("$ref").asText();
            soft.assertThat(channelRef).as(id + ".channel").startsWith("#/channels/");
            String channelId = channelRef.substring(channelRef.lastIndexOf('/') + 1);
            soft.assertThat(document.channels()).as(id + ".channel").containsKey(channelId);
            for (JsonNode message : AsyncApiDocument.elements(op.path("messages"))) {
                soft.assertThat(message.path("$ref").asText()).as(id + ".messages: a message of its own channel")
                        .startsWith(channelRef + "/messages/");
                soft.assertThat(document.resolve(message)).as(id + ": " + message).isNotNull();
            }
        }
        soft.assertAll();
    }

    @Test
    void everyTopicIsAChannelWithItsAddressAndSpec() {
        SoftAssertions soft = new SoftAssertions();
        for (Topic<?, ?> topic : Topics.ALL) {
            List<JsonNode> channels = channelsAt(topic.name());
            soft.assertThat(channels).as("channels with address " + topic.name()).hasSize(1);
            if (channels.size() != 1) {
                continue;
            }
            JsonNode channel = channels.get(0);
            JsonNode kafka = channel.path("bindings").path("kafka");
            TopicSpec spec = topic.spec();
            soft.assertThat(kafka.path("partitions").asInt()).as(topic + " partitions").isEqualTo(spec.partitions());
            soft.assertThat(kafka.path("topicConfiguration").path("retention.ms").asLong()).as(topic + " retention.ms")
                    .isEqualTo(spec.retentionMs());
            soft.assertThat(AsyncApiDocument.elements(kafka.path("topicConfiguration").path("cleanup.policy")))
                    .map(JsonNode::asText).as(topic + " cleanup.policy")
                    .containsExactly(spec.compacted() ? "compact" : "delete");
            soft.assertThat(channel.path("x-min-insync-replicas").asInt()).as(topic + " min.insync.replicas")
                    .isEqualTo(spec.minInsyncReplicas());
        }
        soft.assertAll();
    }

    @Test
    void theAgencyDoorChannelsCarryTheSpecsOfEveryAgencysTopics() {
        SoftAssertions soft = new SoftAssertions();
        for (Topic<?, ?> topic : List.of(AgencyTopics.inbox("ID_IMIGRASI"), AgencyTopics.rejects("ID_IMIGRASI"))) {
            String family = topic.name().replace(".id-imigrasi.", ".{agency}.");
            List<JsonNode> channels = channelsAt(family);
            soft.assertThat(channels).as(family).hasSize(1);
            if (channels.isEmpty()) {
                continue;
            }
            JsonNode kafka = channels.get(0).path("bindings").path("kafka");
            TopicSpec spec = topic.spec();
            soft.assertThat(kafka.path("partitions").asInt()).as(family + " partitions").isEqualTo(spec.partitions());
            soft.assertThat(kafka.path("topicConfiguration").path("retention.ms").asLong()).as(family + " retention.ms")
                    .isEqualTo(spec.retentionMs());
            soft.assertThat(kafka.path("topicConfiguration").path("segment.ms").isMissingNode() ? null
                    : java.time.Duration.ofMillis(kafka.path("topicConfiguration").path("segment.ms").asLong()))
                    .as(family + " segment.ms").isEqualTo(spec.segment());
        }
        soft.assertAll();
    }

    @Test
    void noChannelNamesATopicThatDoesNotExist() {
        Set<String> topics = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
        assertThat(document.channels().values().stream().map(c -> c.path("address").asText())
                .filter(address -> !PARAMETER.matcher(address).find()))
                .as("channel addresses without parameters").allSatisfy(address -> assertThat(topics).contains(address));
    }

    @Test
    void parameterisedChannelsAreKnownFamiliesWithDeclaredParameters() {
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, JsonNode> channel : document.channels().entrySet()) {
            String address = channel.getValue().path("address").asText();
            Matcher parameters = PARAMETER.matcher(address);
            while (parameters.find()) {
                soft.assertThat(TOPIC_FAMILIES).as(channel.getKey() + ": a known topic family").contains(address);
                soft.assertThat(channel.getValue().path("parameters").has(parameters.group(1)))
                        .as(channel.getKey() + " declares parameter " + parameters.group(1)).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void everyMessageCarriesTheValueFormatAndKeyOfItsTopic() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (Topic<?, ?> topic : Topics.ALL) {
            for (JsonNode channel : channelsAt(topic.name())) {
                for (JsonNode reference : channel.path("messages")) {
                    JsonNode message = document.resolve(reference);
                    String name = topic + " message " + message.path("name").asText();
                    JsonNode key = document.resolve(message.path("bindings").path("kafka").path("key"));
                    soft.assertThat(key.path("type").asText()).as(name + " kafka key type").isEqualTo("string");
                    checkPayload(soft, name, topic, message.path("payload"));
                }
            }
        }
        soft.assertAll();
    }

    private void checkPayload(SoftAssertions soft, String name, Topic<?, ?> topic, JsonNode payload) throws IOException {
        if (topic.valueSerde() instanceof AvroSerde<?> avro) {
            soft.assertThat(payload.path("schemaFormat").asText()).as(name + " schemaFormat").startsWith(AVRO_FORMAT);
            String ref = payload.path("schema").path("$ref").asText();
            Path file = ref.isEmpty() ? null : document.referencedFile(ref);
            soft.assertThat(file).as(name + " payload: a $ref to an .avsc file").isNotNull();
            if (file == null) {
                return;
            }
            soft.assertThat(file).as(name + " payload file").isRegularFile();
            if (Files.isRegularFile(file)) {
                JsonNode avsc = new ObjectMapper().readTree(file.toFile());
                String fullName = avsc.path("namespace").asText() + "." + avsc.path("name").asText();
                soft.assertThat(fullName).as(name + " schema full name")
                        .isEqualTo(SpecificData.get().getSchema(avro.type()).getFullName());
            }
        } else if (sameSerde(topic, Serdes.String())) {
            JsonNode schema = document.resolve(payload);
            soft.assertThat(payload.has("schemaFormat")).as(name + ": JSON values are a JSON schema").isFalse();
            soft.assertThat(jsonSchemaTypes(schema)).as(name + " payload type").containsOnly("object");
            soft.assertThat(schema.path("required").size()).as(name + " payload required fields").isPositive();
        } else if (sameSerde(topic, Serdes.ByteArray())) {
            JsonNode schema = document.resolve(payload);
            soft.assertThat(schema.path("type").asText() + "/" + schema.path("format").asText())
                    .as(name + " payload: bytes as they came").isEqualTo("string/binary");
        } else {
            soft.fail(name + ": no check for value serde " + topic.valueSerde().getClass().getName());
        }
    }

    @Test
    void everyOperationIsAllowedToItsPrincipalAndEveryTopicIsWrittenAndRead() {
        TopicPermissions permissions = new TopicPermissions(KafkaAccess.shipped());
        SoftAssertions soft = new SoftAssertions();
        List<String> sent = new ArrayList<>();
        List<String> received = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : document.operations().entrySet()) {
            JsonNode op = operation.getValue();
            String principal = op.path("x-principal").asText();
            soft.assertThat(permissions.names()).as(operation.getKey() + " x-principal").contains(principal);
            String address = document.resolve(op.path("channel")).path("address").asText();
            boolean send = op.path("action").asText().equals("send");
            (send ? sent : received).add(address);
            soft.assertThat(permissions.allows(principal, send ? "Write" : "Read", address))
                    .as(operation.getKey() + ": " + principal + " may " + (send ? "write " : "read ") + address)
                    .isTrue();
        }
        for (Topic<?, ?> topic : Topics.ALL) {
            soft.assertThat(sent).as("someone sends to " + topic).contains(topic.name());
            soft.assertThat(received).as("someone receives from " + topic).contains(topic.name());
        }
        soft.assertAll();
    }

    @Test
    void theDeadLetterHeadersAreDocumented() {
        JsonNode message = document.resolve(document.channels().values().stream()
                .filter(c -> c.path("address").asText().equals(Topics.DLQ.name())).findFirst().orElseThrow()
                .path("messages").elements().next());
        JsonNode headers = document.resolve(message.path("headers")).path("properties");
        assertThat(AsyncApiDocument.fields(headers).keySet()).contains("waspada.dlq.reason", "waspada.dlq.topic",
                "waspada.dlq.partition", "waspada.dlq.offset", "waspada.dlq.exception", "waspada.dlq.message",
                "waspada.dlq.detail", "traceparent");
    }

    private List<JsonNode> channelsAt(String address) {
        return document.channels().values().stream().filter(c -> c.path("address").asText().equals(address)).toList();
    }

    private static boolean sameSerde(Topic<?, ?> topic, org.apache.kafka.common.serialization.Serde<?> serde) {
        return topic.valueSerde().getClass().equals(serde.getClass());
    }

    private static List<String> jsonSchemaTypes(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? AsyncApiDocument.elements(type).stream().map(JsonNode::asText).toList()
                : List.of(type.asText());
    }
}
