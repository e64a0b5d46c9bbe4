package io.waspada.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the broker's principals and ACLs exactly {@link KafkaAccess}, as the admin super user: the listed principals'
 * SCRAM-SHA-512 credentials are upserted (a new password replaces the old one), their ACLs created, and any other ACL
 * and any unlisted user's credentials removed (a list narrowed since the last start narrows the broker too).
 * Idempotent. The admin's own credential is left alone.
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
            removeWhatIsNotListed();
            LOG.info("Kafka principals {} and their {} ACLs in place", access.names(), access.bindings().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka principals", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create Kafka principals and ACLs: " + e.getMessage(), e);
        }
    }

    private void removeWhatIsNotListed() throws InterruptedException, ExecutionException, TimeoutException {
        Set<AclBinding> wanted = new HashSet<>(access.bindings());
        List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)
                .stream().filter(binding -> !wanted.contains(binding)).map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            LOG.warn("Removed {} Kafka ACLs that principals.yaml does not list", stale.size());
        }
        List<UserScramCredentialAlteration> deletions = new ArrayList<>();
        admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).forEach((user, description) -> {
            if (!user.equals(KafkaAccess.ADMIN) && !access.names().contains(user)) {
                description.credentialInfos().forEach(info ->
                        deletions.add(new UserScramCredentialDeletion(user, info.mechanism())));
            }
        });
        if (!deletions.isEmpty()) {
            admin.alterUserScramCredentials(deletions).all().get(30, TimeUnit.SECONDS);
            LOG.warn("Removed the Kafka credentials of {} users that principals.yaml does not list", deletions.size());
        }
    }
}
