package io.waspada.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform's principals (SCRAM-SHA-512 credentials) and their ACLs from {@link KafkaAccess}, as the
 * admin super user. Idempotent: credentials are upserted (a new password replaces the old one), ACLs that exist
 * are left as they are.
 */
public final class AccessCreator {

    private static final Logger LOG = LoggerFactory.getLogger(AccessCreator.class);
    private static final int ITERATIONS = 4096;

    private final Admin admin;
    private final KafkaAccess access;

    public AccessCreator(Admin admin, KafkaAccess access) {
        this.admin = admin;
        this.access = access;
    }

    /** Upserts each listed principal's password ({@code passwords}: every name of the list) and creates the ACLs. */
    public void apply(Map<String, String> passwords) {
        List<UserScramCredentialAlteration> credentials = new ArrayList<>();
        for (String name : access.names()) {
            String password = passwords.get(name);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("no password for Kafka principal " + name);
            }
            credentials.add(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
        }
        try {
            admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(access.bindings()).all().get(30, TimeUnit.SECONDS);
            LOG.info("Kafka principals {} and their {} ACLs in place", access.names(), access.bindings().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka principals", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create Kafka principals and ACLs: " + e.getMessage(), e);
        }
    }
}
