package io.waspada.kafka.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * One real KRaft node (the broker and controller classes of {@code kafka_2.13}) in this JVM:
 * formats its data directory on first use, then starts; a formatted directory is reused as it is.
 */
final class KRaftNode {

    private final KRaftNodeConfig config;
    private KafkaRaftServer server;

    KRaftNode(KRaftNodeConfig config) {
        this.config = config;
    }

    /** Writes server.properties and formats the storage unless it already is (so data survives restarts). */
    void formatIfNeeded(String clusterId) {
        try {
            Files.createDirectories(config.dataDir());
            Path file = config.dataDir().resolve("server.properties");
            // It holds the admin's password: owner-only.
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                config.toProperties().store(out, "Waspada local KRaft node " + config.nodeId());
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            // The admin's SCRAM credential is part of the bootstrap metadata: brokers authenticate with it from the start.
            int rc = StorageTool.execute(new String[] {"format", "--ignore-formatted", "-t", clusterId,
                    "-c", file.toString(), "--add-scram", "SCRAM-SHA-512=[name=" + KRaftNodeConfig.ADMIN + ",password="
                    + config.adminPassword() + "]"}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("Formatting " + config.dataDir() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the node; blocks until its broker has caught up with the metadata quorum. */
    void start() {
        Properties props = config.toProperties();
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    int brokerPort() {
        return config.brokerPort();
    }
}
