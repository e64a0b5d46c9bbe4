package io.waspada.notifier.state;

import io.waspada.kafka.TopicFollower.Undecodable;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/** A record a store's processor cannot decode: handed on as it was read, with where and why; never stops the store. */
final class Poison {

    private static final Logger LOG = Logger.getLogger(Poison.class);

    private Poison() {
    }

    static void report(Consumer<Undecodable> to, RecordMetadata where, Record<String, byte[]> record,
            RuntimeException cause) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        Undecodable poison = new Undecodable(new ConsumerRecord<>(where.topic(), where.partition(), where.offset(),
                record.timestamp(), TimestampType.CREATE_TIME, key == null ? -1 : key.length, record.value().length,
                key, record.value(), record.headers(), Optional.empty()), cause);
        try {
            to.accept(poison);
        } catch (RuntimeException reportFailed) {
            LOG.errorf(reportFailed, "Undecodable record %s skipped but not reported", poison.position());
        }
    }
}
