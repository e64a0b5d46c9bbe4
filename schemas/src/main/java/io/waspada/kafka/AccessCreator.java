package io.waspada.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.waspada.topics.AgencyTopics;
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
 * The agencies' principals ({@link KafkaAccess#agencyPrincipals}) always get their ACLs; their credentials are
 * upserted when a password is given and otherwise left as the admin set them (an agency's credential is its own
 * secret), but removed for an agency no longer on the list. Idempotent. The admin's own credential is left alone.
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

    /** {@link #apply(Map, List)} for the contract's agencies ({@link AgencyTopics#DEFAULT_AGENCIES}). */
    public void apply(Map<String, String> passwords) {
        apply(passwords, AgencyTopics.DEFAULT_AGENCIES);
    }

    /**
     * Upserts each listed principal's password ({@code passwords}: every name of the list, and optionally agency
     * principals of {@code agencies}) and creates the ACLs of both.
     */
    public void apply(Map<String, String> passwords, List<String> agencies) {
        Set<String> agencyNames = new HashSet<>(access.agencyPrincipals(agencies).stream()
                .map(KafkaAccess.Principal::name).toList());
        List<UserScramCredentialAlteration> credentials = new ArrayList<>();
        for (String name : access.names()) {
            String password = passwords.get(name);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("no password for Kafka principal " + name);
            }
            credentials.add(upsert(name, password));
        }
        passwords.forEach((name, password) -> {
            if (agencyNames.contains(name)) {
                credentials.add(upsert(name, password));
            } else if (!access.names().contains(name)) {
                throw new IllegalArgumentException("no Kafka principal " + name + " in principals.yaml or the agencies "
                        + agencies);
            }
        });
        List<AclBinding> wanted = access.bindings(agencies, true);
        try {
            admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
            removeWhatIsNotListed(wanted, agencyNames);
            LOG.info("Kafka principals {}, {} agencies' principals and their {} ACLs in place", access.names(),
                    agencyNames.size(), wanted.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka principals", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create Kafka principals and ACLs: " + e.getMessage(), e);
        }
    }

    private static UserScramCredentialUpsertion upsert(String name, String password) {
        return new UserScramCredentialUpsertion(name, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                password);
    }

    private void removeWhatIsNotListed(List<AclBinding> bindings, Set<String> agencyNames)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<AclBinding> wanted = new HashSet<>(bindings);
        List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)
                .stream().filter(binding -> !wanted.contains(binding)).map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            LOG.warn("Removed {} Kafka ACLs that principals.yaml does not list", stale.size());
        }
        List<UserScramCredentialAlteration> deletions = new ArrayList<>();
        admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).forEach((user, description) -> {
            if (!user.equals(KafkaAccess.ADMIN) && !access.names().contains(user) && !agencyNames.contains(user)) {
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
