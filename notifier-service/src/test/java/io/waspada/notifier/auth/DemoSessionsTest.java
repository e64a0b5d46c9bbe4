package io.waspada.notifier.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password sign-in exists only where demo officers are explicitly enabled, even when their files are there. */
class DemoSessionsTest {

    @TempDir
    Path dir;

    @Test
    void demoFilesAloneDoNotOpenPasswordSignIn() throws Exception {
        DemoOfficers.main(new String[] {dir.toString()});
        String publicKey = dir.resolve("publicKey.pem").toString();

        DemoSessions off = new DemoSessions();
        off.onStart(null, false, Optional.empty(), publicKey, Duration.ofHours(12));
        assertThat(off.signIn()).as("not enabled").isEmpty();

        DemoSessions on = new DemoSessions();
        on.onStart(null, true, Optional.empty(), publicKey, Duration.ofHours(12));
        assertThat(on.signIn()).as("enabled, as ./waspada local does").isPresent();
    }
}
