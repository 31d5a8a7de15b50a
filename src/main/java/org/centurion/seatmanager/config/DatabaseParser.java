package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.util.Optional;

/**
 * The database location ({@code DATABASE_URL}).
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class DatabaseParser {
  private DatabaseParser() {}

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
