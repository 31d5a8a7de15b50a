package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.util.Optional;

/**
 * The database location ({@code DATABASE_URL}).
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class DatabaseParser {
  private DatabaseParser() {}

  /**
   * Where {@code db migrate} connects: {@code SEAT_MANAGER_MIGRATION_DATABASE_URL} (the tables'
   * owner) when set, else {@code DATABASE_URL}; and the runtime role it grants privileges to:
   * {@code SEAT_MANAGER_RUNTIME_DATABASE_ROLE}, else the user of {@code DATABASE_URL} when the two URLs'
   * users differ, else none (one role for both: development only, see DatabaseRoleGuard).
   */
  static MigrationTarget migration(EnvReader r) {
    Optional<String> rawOwner = r.env.get(MIGRATION_DATABASE_URL);
    DatabaseUrl owner = null;
    if (rawOwner.isPresent()) {
      try {
        owner = DatabaseUrl.parse(rawOwner.get());
      } catch (IllegalArgumentException e) {
        r.problems.add(MIGRATION_DATABASE_URL + " " + e.getMessage() + ": expected postgres://owner:password@host:5432/dbname");
        return null;
      }
    }
    DatabaseUrl runtime = owner == null || r.env.get(DATABASE_URL).isPresent() ? database(r) : null;
    if (owner == null) {
      owner = runtime;
    }
    if (owner == null) {
      return null;
    }
    Optional<String> role = r.env.get(RUNTIME_DATABASE_ROLE).map(String::strip).filter(v -> !v.isEmpty());
    if (role.isEmpty() && runtime != null && runtime.user().isPresent() && !runtime.user().equals(owner.user())) {
      role = runtime.user();
    }
    if (role.isPresent() && !role.get().matches("[a-z_][a-z0-9_]{0,62}")) {
      r.problems.add(RUNTIME_DATABASE_ROLE + " must be a lower-case PostgreSQL role name (letters, digits, underscore)");
      return null;
    }
    if (role.isPresent() && role.equals(owner.user())) {
      r.problems.add(RUNTIME_DATABASE_ROLE + " names the migration (owner) role itself: the runtime role must be another"
          + " role, one that does not own the tables");
      return null;
    }
    return new MigrationTarget(owner, role);
  }

  static DatabaseUrl database(EnvReader r) {
    Optional<String> raw = r.env.get(DATABASE_URL);
    if (raw.isEmpty()) {
      r.problems.add(DATABASE_URL + " is required: set it to postgres://user:password@host:5432/dbname");
      return null;
    }
    try {
      return DatabaseUrl.parse(raw.get());
    } catch (IllegalArgumentException e) {
      r.problems.add(DATABASE_URL + " " + e.getMessage() + ": expected postgres://user:password@host:5432/dbname");
      return null;
    }
  }
}
