package io.waspada.notifier.auth;

import java.util.Set;

/** An authenticated officer: username ({@code upn}), task force ({@code taskForce} claim), roles ({@code groups}). */
public record Officer(String username, String taskForce, Set<String> roles) {

    public Officer {
        roles = Set.copyOf(roles);
    }
}
