package io.waspada.kafka.local;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code server.properties} of one combined broker+controller KRaft node that listens on 127.0.0.1 only and
 * refuses strangers: clients and brokers authenticate with SASL/SCRAM-SHA-512 (credentials in the metadata log, the
 * admin's bootstrapped at format time), the controllers with SASL/PLAIN as the admin, and the StandardAuthorizer
 * allows only what an ACL grants ({@code allow.everyone.if.no.acl.found=false}; the admin is the one super user).
 * Internal topics get the cluster's replication factor, so one node works alone.
 */
record KRaftNodeConfig(int nodeId, Path dataDir, int brokerPort, int controllerPort, String quorumVoters,
                       int clusterSize, String adminPassword) {

    static final String ADMIN = "admin";

    /** Without the admin's password. */
    @Override
    public String toString() {
        return "KRaftNodeConfig[node " + nodeId + ", " + dataDir + ", broker " + brokerPort + ", controller "
                + controllerPort + ", voters " + quorumVoters + "]";
    }

    Properties toProperties() {
        short replication = (short) Math.min(3, clusterSize);
        int minIsr = Math.max(1, replication - 1);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", quorumVoters);
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        // Clients and brokers: SCRAM. Controllers cannot use SCRAM (its credentials live in the metadata they serve):
        // PLAIN with the admin, on loopback.
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + ADMIN);
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
