package io.waspada.notifier.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Username and password sign-in for the local platform's demo officers: reads {@code officers.json} and
 * {@code privateKey.pem} from the demo directory, keeps each password only as a {@link PasswordHash}, and answers a
 * right password with a fresh token signed by the demo key (the claims a real identity provider would issue). A
 * wrong password and an unknown username take the same time and give the same answer. Thread-safe.
 */
public final class DemoSignIn {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Checked against when the username is unknown, so that answer takes as long as a wrong password. */
    private static final PasswordHash NOBODY = PasswordHash.of("no such officer");

    private final Map<String, Account> accounts;
    private final PrivateKey key;
    private final Duration lifetime;

    /** A signed-in officer: the token and who it names. */
    public record Session(String token, String username, String taskForce, List<String> roles) {
    }

    private record Account(String username, PasswordHash password, String taskForce, List<String> roles,
            List<String> handling) {
    }

    private DemoSignIn(Map<String, Account> accounts, PrivateKey key, Duration lifetime) {
        this.accounts = accounts;
        this.key = key;
        this.lifetime = lifetime;
    }

    /** The demo officers of {@code dir}, or empty when it has no {@code officers.json} and {@code privateKey.pem}. */
    public static Optional<DemoSignIn> load(Path dir, Duration lifetime) throws IOException, GeneralSecurityException {
        Path officers = dir.resolve("officers.json");
        Path privateKey = dir.resolve("privateKey.pem");
        if (!Files.isRegularFile(officers) || !Files.isRegularFile(privateKey)) {
            return Optional.empty();
        }
        List<DemoOfficers.DemoOfficer> entries = JSON.readValue(officers.toFile(), new TypeReference<>() { });
        Map<String, Account> accounts = entries.stream()
                .filter(o -> o.username() != null && o.password() != null && o.taskForce() != null)
                .map(o -> new Account(o.username(), PasswordHash.of(o.password()), o.taskForce(),
                        o.roles() == null ? List.of() : List.copyOf(o.roles()),
                        o.handling() == null ? null : List.copyOf(o.handling())))
                .collect(Collectors.toUnmodifiableMap(Account::username, Function.identity(), (a, b) -> b));
        return Optional.of(new DemoSignIn(accounts, DemoOfficers.readPrivateKey(Files.readString(privateKey)), lifetime));
    }

    /** A session for the right username and password; empty otherwise (never saying which of the two was wrong). */
    public Optional<Session> signIn(String username, String password) {
        Account account = accounts.get(username);
        boolean right = (account == null ? NOBODY : account.password()).matches(password) && account != null;
        if (!right) {
            return Optional.empty();
        }
        String token = DemoOfficers.token(key, account.username(), account.taskForce(), Set.copyOf(account.roles()),
                account.handling(), lifetime);
        return Optional.of(new Session(token, account.username(), account.taskForce(), account.roles()));
    }

    public int size() {
        return accounts.size();
    }
}
