package io.waspada.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * A send the caller may not go on without (an audit record written before what it audits happens): returns once the
 * broker has the record (with {@code acks=all}, every in-sync replica), or throws {@link NotWritten} carrying why,
 * whether the producer refused at once, failed later or did not answer in time.
 */
public final class DurableSend {

    private DurableSend() {
    }

    public static RecordMetadata await(Supplier<Future<RecordMetadata>> send, long timeoutMs) throws NotWritten {
        try {
            return send.get().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotWritten(e);
        } catch (ExecutionException e) {
            throw new NotWritten(e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new NotWritten(e);
        }
    }

    /** The record is not known to be on the broker. */
    public static final class NotWritten extends Exception {
        NotWritten(Throwable cause) {
            super(String.valueOf(cause), cause);
        }
    }
}
