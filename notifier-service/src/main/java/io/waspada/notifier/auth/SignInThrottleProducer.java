package io.waspada.notifier.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's one {@link SignInThrottle}, from {@code waspada.auth.sign-in.*}. */
@ApplicationScoped
public class SignInThrottleProducer {

    /** Usernames and addresses remembered at most: an attacker spraying names cannot grow the map without bound. */
    private static final int MAX_KEYS = 10_000;

    @Produces
    @Singleton
    SignInThrottle throttle(
            @ConfigProperty(name = "waspada.auth.sign-in.max-failures-per-username", defaultValue = "5") int perUsername,
            @ConfigProperty(name = "waspada.auth.sign-in.max-failures-per-address", defaultValue = "20") int perAddress,
            @ConfigProperty(name = "waspada.auth.sign-in.window", defaultValue = "PT15M") Duration window) {
        return new SignInThrottle(perUsername, perAddress, window, MAX_KEYS);
    }
}
