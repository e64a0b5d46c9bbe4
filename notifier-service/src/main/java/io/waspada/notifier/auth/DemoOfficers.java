package io.waspada.notifier.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.jwt.build.Jwt;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.routing.Projection;
import io.waspada.notifier.routing.RoutingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Demo credentials for the local platform. Given an output directory (and optionally a routing file), creates an RSA
 * key pair there if absent ({@code privateKey.pem}, {@code publicKey.pem}: point {@code WASPADA_JWT_PUBLIC_KEY}
 * at the latter) and writes {@code officers.json}: per task force an officer and a lead, and an {@code ops} user (at the root
 * receiver's task force), each with a password and a signed long-lived token (issuer {@code waspada}, claims upn,
 * taskForce, groups). The service lets them sign in with the password too ({@link DemoSignIn}).
 * <p>Run: {@code java -cp <notifier classpath> io.waspada.notifier.auth.DemoOfficers .waspada/officers [routing.yaml]}
 */
public final class DemoOfficers {

    public static final String ISSUER = "waspada";
    /** The audience every officer token must name (quarkus.oidc.token.audience): a token for another service is refused. */
    public static final String AUDIENCE = "waspada-notifier";
    /** The stream-processor's audience: its entity timeline takes the same officer tokens. */
    public static final String CORRELATION_AUDIENCE = "waspada-correlation";
    /** The handling codes the officer is cleared for (their task force's), read by the stream-processor's timeline. */
    public static final String HANDLING_CLAIM = "handling";
    /** Task-force officers may look up an identifier's evidence timeline; ops users may not. */
    public static final String INVESTIGATOR = "investigator";
    /** Leads resolve alerts for every task force and make silences for their own. */
    public static final String LEAD = "lead";
    /** May change the correlation rules at runtime (the stream-processor's {@code /api/v1/rules} changes). */
    public static final String RULES_ADMIN = "rules-admin";
    private static final Duration LIFETIME = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One entry of officers.json. */
    public record DemoOfficer(String username, String password, String token, String taskForce, List<String> roles,
            List<String> handling) {
    }

    private DemoOfficers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DemoOfficers <output-dir> [routing.yaml]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        RoutingConfig routing = RoutingConfigLoader.load(args.length > 1 ? args[1] : "");
        List<DemoOfficer> officers = write(dir, routing);
        System.out.printf("Wrote %d demo officers to %s (public key %s)%n", officers.size(),
                dir.resolve("officers.json"), dir.resolve("publicKey.pem").toAbsolutePath());
    }

    public static List<DemoOfficer> write(Path dir, RoutingConfig routing) throws Exception {
        Files.createDirectories(dir);
        PrivateKey key = keyPair(dir);
        List<DemoOfficer> officers = new ArrayList<>();
        // Per task force an officer, and a lead who may also resolve an alert for every task force that has it.
        // A protection desk's people are not investigators: they never look up a subject's evidence timeline.
        routing.taskForces().keySet().stream().sorted().forEach(taskForce -> {
            String name = taskForce.toLowerCase().replace('_', '.');
            boolean investigates = routing.taskForce(taskForce).map(tf -> tf.projection() == Projection.FULL)
                    .orElse(false);
            officers.add(officer(key, "officer." + name, taskForce, investigates ? List.of("officer", INVESTIGATOR)
                    : List.of("officer"), clearance(routing, taskForce)));
            officers.add(officer(key, "lead." + name, taskForce, investigates
                    ? List.of("officer", LEAD, INVESTIGATOR) : List.of("officer", LEAD), clearance(routing, taskForce)));
        });
        // The rules admin changes correlation rules at runtime (the stream-processor's rules admin API,
        // ./waspada rules apply); no investigator, no clearance beyond H0.
        officers.add(officer(key, "rules.admin", routing.root().receiver(), List.of("officer", RULES_ADMIN), List.of()));
        // The ops user sits with the root route's receiver, the task force that sees what no other route takes.
        officers.add(officer(key, "ops", routing.root().receiver(), List.of("ops", "officer"),
                clearance(routing, routing.root().receiver())));
        writeOwnerOnly(dir.resolve("officers.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(officers));
        return officers;
    }

    /** A signed token as the notifier expects it, without a handling clearance claim (H0 only at the timeline). */
    public static String token(PrivateKey key, String username, String taskForce, Set<String> roles, Duration lifetime) {
        return token(key, username, taskForce, roles, null, lifetime);
    }

    /**
     * A signed token for the notifier and the stream-processor, cleared for {@code handling} (an empty list: for
     * nothing; null: no claim, which the timeline reads as H0 only).
     */
    public static String token(PrivateKey key, String username, String taskForce, Set<String> roles,
            List<String> handling, Duration lifetime) {
        var claims = Jwt.issuer(ISSUER).audience(Set.of(AUDIENCE, CORRELATION_AUDIENCE)).upn(username)
                .subject(username).groups(roles).claim(OfficerTokens.TASK_FORCE_CLAIM, taskForce);
        if (handling != null) {
            claims = claims.claim(HANDLING_CLAIM, List.copyOf(handling));
        }
        return claims.expiresIn(lifetime).sign(key);
    }

    private static List<String> clearance(RoutingConfig routing, String taskForce) {
        var force = routing.taskForces().get(taskForce);
        return force == null ? List.of() : force.handling().stream().map(Enum::name).sorted().toList();
    }

    private static DemoOfficer officer(PrivateKey key, String username, String taskForce, List<String> roles,
            List<String> handling) {
        byte[] secret = new byte[9];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new DemoOfficer(username, password,
                token(key, username, taskForce, Set.copyOf(roles), handling, LIFETIME), taskForce, roles, handling);
    }

    private static PrivateKey keyPair(Path dir) throws IOException, java.security.GeneralSecurityException {
        Path privatePem = dir.resolve("privateKey.pem");
        Path publicPem = dir.resolve("publicKey.pem");
        if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writeOwnerOnly(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return readPrivateKey(Files.readString(privatePem));
    }

    /** Passwords, tokens and the signing key: readable by the owner only, from the moment the file exists. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static PrivateKey readPrivateKey(String pem) throws java.security.GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
