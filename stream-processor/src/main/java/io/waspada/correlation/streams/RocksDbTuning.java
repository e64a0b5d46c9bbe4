package io.waspada.correlation.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * RocksDB for a 2-core host: two background jobs, small write buffers and one block cache shared by every store
 * instance (so memory stays bounded however many partitions this instance owns), LZ4 to keep state small.
 */
public final class RocksDbTuning implements RocksDBConfigSetter {

    // 64 MB for all stores of this JVM, index and filter blocks included.
    private static final Cache SHARED_CACHE;

    static {
        RocksDB.loadLibrary(); // this class may be loaded (by config parsing) before any store opens
        SHARED_CACHE = new LRUCache(64L * 1024 * 1024);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(SHARED_CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        options.setTableFormatConfig(table);
        options.setMaxBackgroundJobs(2);
        options.setWriteBufferSize(8L * 1024 * 1024);
        options.setMaxWriteBufferNumber(2);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache is shared by every store: it lives as long as the JVM.
    }
}
