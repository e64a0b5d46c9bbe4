package io.waspada.notifier.audit;

import java.time.Instant;

/**
 * One operator action as written to {@code tip.access-audit.v1}: who ({@code actor}, {@code taskForce}), when, what
 * ({@code action}, e.g. {@code silence.create}, on {@code subject}, e.g. the silence id), its {@code scope} (a task
 * force, or {@code national}) and a {@code detail} (e.g. the matchers and end). The same topic holds the
 * stream-processor's evidence reads; both have {@code id, at, service, actor, taskForce, action, subject, outcome}.
 */
public record OperatorAction(String id, Instant at, String service, String actor, String taskForce, String action,
        String subject, String scope, String detail, String outcome) {
}
