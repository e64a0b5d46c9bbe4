package io.waspada.correlation.streams;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global link store ({@code tip.token-links.v1}: token under the new key to its link) and tells
 * {@link TokenLinks} which keys replaced another. A record that is not a link is skipped. The store also keeps one
 * {@value #KEY_PREFIX}{@code <keyId>} entry per key that replaced another: a restart from the store's checkpoint does
 * not run this processor over the links already stored, so {@link #init} learns the keys from these entries.
 */
final class TokenLinkIndexer implements Processor<String, String, Void, Void> {

    /** Not a token: tokens are base64url. */
    static final String KEY_PREFIX = "~key:";
    private static final StringSerializer KEYS = new StringSerializer();

    private final TokenLinks links;
    private KeyValueStore<String, String> store;

    TokenLinkIndexer(TokenLinks links) {
        this.links = links;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(CorrelationTopology.TOKEN_LINK_STORE);
        try (KeyValueIterator<String, String> keys = store.prefixScan(KEY_PREFIX, KEYS)) {
            while (keys.hasNext()) {
                TokenLink link = TokenLink.fromJson(keys.next().value);
                if (link != null) {
                    links.learnKey(link);
                }
            }
        }
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null || record.key().startsWith(KEY_PREFIX)) {
            return;
        }
        TokenLink link = TokenLink.fromJson(record.value());
        if (link == null || !link.token().equals(record.key())) {
            if (record.value() == null) {
                store.delete(record.key());
            }
            return;
        }
        if (store.get(KEY_PREFIX + link.keyId()) == null) {
            store.put(KEY_PREFIX + link.keyId(), record.value());
        }
        links.learnKey(link);
        store.put(link.token(), record.value());
    }
}
