package io.waspada.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Routing files of the fault tests: everything to one task force, HOOK, and its webhook at a local receiver. */
public final class HookRouting {

    private HookRouting() {
    }

    /** A routing file: {@code receivers} (YAML, after the root route) with {@code %s} for the hook's URL and secret. */
    static Path file(WebhookReceiver hook, String routeOptions, String receivers) throws IOException {
        Path secret = Files.createTempFile("hook-secret", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "0123456789abcdef0123456789abcdef");
        Path routing = Files.createTempFile("routing", ".yaml");
        Files.writeString(routing, """
                route:
                  receiver: HOOK
                  group_by: [subject]
                  group_wait: 0s
                """ + routeOptions + "receivers:\n" + receivers.formatted(hook.url(), secret));
        return routing;
    }

    /** HOOK alone, its webhook its only channel. */
    public static Path webhookOnly(WebhookReceiver hook) throws IOException {
        return file(hook, "", """
                  - id: HOOK
                    handling: [H0, H1, H2, H3]
                    channels: {webhook: {url: "%s", secret_file: "%s"}}
                """);
    }
}
