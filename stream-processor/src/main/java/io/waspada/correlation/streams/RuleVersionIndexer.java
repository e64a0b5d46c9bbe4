package io.waspada.correlation.streams;

import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rulebook.RuleVersion;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store {@link CorrelationTopology#RULES_STORE} ({@code tip.rules.v1}) and the {@link RuleBook}
 * every task reads: each version record ({@code <id>@<version>}, and the rule id's current-version record) is added to
 * the book. A record that is not a rule version is skipped. {@link #init} adds what the store already holds (a restart
 * from a checkpoint does not run this processor over it).
 */
final class RuleVersionIndexer implements Processor<String, String, Void, Void> {

    private final RuleBook book;
    private KeyValueStore<String, String> store;

    RuleVersionIndexer(RuleBook book) {
        this.book = book;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(CorrelationTopology.RULES_STORE);
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                RuleVersion version = RuleVersion.fromJson(all.next().value);
                if (version != null) {
                    book.add(version);
                }
            }
        }
    }

    @Override
    public void process(Record<String, String> record) {
        RuleVersion version = RuleVersion.fromJson(record.value());
        if (record.key() == null || version == null
                || !(record.key().equals(version.rule()) || record.key().equals(version.historyKey()))) {
            return;
        }
        store.put(record.key(), record.value());
        book.add(version);
    }
}
