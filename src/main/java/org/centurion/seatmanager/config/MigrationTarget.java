package org.centurion.seatmanager.config;

import java.util.Optional;

/**
 * Where {@code db migrate} runs: as the tables' owner, granting the runtime role (when there is one
 * distinct from the owner) what the application needs.
 */
public record MigrationTarget(DatabaseUrl owner, Optional<String> runtimeRole) {}
