package io.waspada.kafka.local;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code server.properties} of one combined broker+controller KRaft node that listens on
 * 127.0.0.1 only. Internal topics get the cluster's replication factor, so one node works alone.
 */
record KRaftNodeConfig(int nodeId, Path dataDir, int brokerPort, int controllerPort, String quorumVoters,
                       int clusterSize) {

    Properties toProperties() {
        short replication = (short) Math.min(3, clusterSize);
        int minIsr = Math.max(1, replication - 1);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", quorumVoters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", Short.toString(replication));
        p.put("min.insync.replicas", Integer.toString(minIsr));
        p.put("offsets.topic.replication.factor", Short.toString(replication));
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", Short.toString(replication));
        p.put("transaction.state.log.min.isr", Integer.toString(minIsr));
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", Short.toString(replication));
        p.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        // Consumers and Streams apps join at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // Small segments and a small cleaner buffer: a laptop-sized broker, not a datacenter one.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }
}
