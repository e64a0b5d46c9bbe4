package io.waspada.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.kafka.KafkaConnection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./waspada tail TOPIC [--last N] [--follow]}: a topic's records as JSON lines, for ops staff, decoded with the
 * platform's own schemas ({@link Topics}): {@code {"partition", "offset", "timestamp", "key", "value", "headers"}},
 * an Avro value as its fields, a JSON string value as JSON, bytes (the DLQ) as base64 beside their headers, and a
 * record that does not decode as {@code "undecodable"} with the reason (it never stops the tail). Reads
 * {@code read_committed} without a consumer group (nothing committed, no group rights needed): from the beginning, or
 * the last N records of each partition; to the end, or on until stopped ({@code --follow}). Connects as
 * {@link KafkaConnection#fromEnvironment} says (the launcher: the {@code ops} principal, read-only).
 */
public final class TopicTail {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConnection kafka;
    private final PrintStream out;

    public TopicTail(KafkaConnection kafka, PrintStream out) {
        this.kafka = kafka;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            new TopicTail(KafkaConnection.fromEnvironment(System.getenv(), "localhost:9092"), System.out)
                    .run(options.topic(), options.last(), options.follow() ? Duration.ofDays(36500) : Duration.ZERO);
        } catch (IllegalArgumentException e) {
            System.err.println("tail: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The command line: {@code TOPIC [--last N] [--follow]}. */
    record Options(String topic, Optional<Integer> last, boolean follow) {
        static Options parse(String[] args) {
            List<String> rest = new ArrayList<>(List.of(args));
            boolean follow = rest.remove("--follow");
            Optional<Integer> last = Optional.empty();
            int at = rest.indexOf("--last");
            if (at >= 0) {
                if (at + 1 >= rest.size() || !rest.get(at + 1).matches("[0-9]{1,9}")) {
                    throw new IllegalArgumentException("--last wants a number of records per partition");
                }
                last = Optional.of(Integer.parseInt(rest.get(at + 1)));
                rest.remove(at + 1);
                rest.remove(at);
            }
            if (rest.size() != 1 || rest.get(0).startsWith("-")) {
                throw new IllegalArgumentException("usage: tail TOPIC [--last N] [--follow]; topics: "
                        + Topics.ALL.stream().map(Topic::name).toList());
            }
            return new Options(rest.get(0), last, follow);
        }
    }

    /**
     * Prints the topic's records from the start (or the last {@code last} per partition) to its end, then on for
     * {@code followFor} (zero: stops at the end); returns how many it printed.
     */
    public long run(String topicName, Optional<Integer> last, Duration followFor) {
        return run(topicName, Topics.ALL.stream().filter(t -> t.name().equals(topicName)).findFirst().orElse(null),
                last, followFor);
    }

    /** As {@link #run(String, Optional, Duration)} for a topic whose serdes are given (tests' own topics). */
    public long run(Topic<?, ?> topic, Optional<Integer> last, Duration followFor) {
        return run(topic.name(), topic, last, followFor);
    }

    private long run(String topicName, Topic<?, ?> topic, Optional<Integer> last, Duration followFor) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "waspada-tail")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topicName, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topicName + " (or no right to read it); topics: "
                        + Topics.ALL.stream().map(Topic::name).toList());
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long from = last.map(n -> Math.max(begin.get(tp), end.get(tp) - n)).orElse(begin.get(tp));
                consumer.seek(tp, from);
            }
            long printed = 0;
            long stopAt = followFor.isZero() ? Long.MAX_VALUE : System.nanoTime() + followFor.toNanos();
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.println(line(topic, record));
                    printed++;
                }
                boolean atEnd = partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                if (followFor.isZero() ? atEnd : System.nanoTime() > stopAt) {
                    out.flush();
                    return printed;
                }
            }
        }
    }

    /** One record as a JSON line. */
    static String line(Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("partition", record.partition()).put("offset", record.offset())
                .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.set("key", decode(topic, record, true));
        line.set("value", decode(topic, record, false));
        if (record.headers().toArray().length > 0) {
            ObjectNode headers = line.putObject("headers");
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return line.toString();
    }

    private static JsonNode decode(Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record, boolean key) {
        byte[] bytes = key ? record.key() : record.value();
        if (bytes == null) {
            return JSON.nullNode();
        }
        if (topic == null) {
            return JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(bytes));
        }
        try {
            Object decoded = (key ? topic.keySerde() : topic.valueSerde()).deserializer()
                    .deserialize(record.topic(), bytes);
            if (decoded instanceof SpecificRecord avro) {
                return JSON.readTree(avro.toString());
            }
            if (decoded instanceof String text) {
                return text.startsWith("{") ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text);
            }
            if (decoded instanceof byte[] raw) {
                return JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(raw));
            }
            return JSON.getNodeFactory().textNode(String.valueOf(decoded));
        } catch (Exception e) {
            ObjectNode undecodable = JSON.createObjectNode();
            undecodable.put("undecodable", Base64.getEncoder().encodeToString(bytes)).put("reason", e.toString());
            return undecodable;
        }
    }
}
