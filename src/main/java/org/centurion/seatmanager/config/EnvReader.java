package org.centurion.seatmanager.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The environment as {@link ConfigLoader}'s section parsers read it: typed getters that record a problem
 * (naming the variable and the fix, never a value) and fall back to the default, so that every problem
 * is reported at once.
 */
final class EnvReader {
  final Environment env;
  final List<String> problems = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  EnvReader(Environment env) {
    this.env = env;
  }

  boolean bool(String name, boolean dflt) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problems.add(name + " must be true or false");
        yield dflt;
      }
    };
  }

  int positiveInt(String name, int dflt) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(name + " must be a positive whole number");
    return dflt;
  }

  long positiveLong(String name, long dflt) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(name + " must be a positive whole number");
    return dflt;
  }

  /** A positive whole number within [min, max]; outside it, one problem line naming the bounds. */
  int boundedInt(String name, int dflt, int min, int max) {
    if (!env.isSet(name)) {
      return dflt;
    }
    int before = problems.size();
    int v = positiveInt(name, dflt);
    if (problems.size() == before && (v < min || v > max)) {
      problems.add(name + " must be between " + min + " and " + max);
      return dflt;
    }
    return v;
  }

  Optional<String> address(String name) {
    Optional<String> v = env.get(name);
    if (v.isPresent() && !v.get().matches("0x[0-9a-fA-F]{40}")) {
      problems.add(name + " must be a 20-byte hex address (0x followed by 40 hex characters)");
      return Optional.empty();
    }
    return v.map(a -> a.toLowerCase(Locale.ROOT));
  }

  Optional<String> hash(String name) {
    Optional<String> v = env.get(name);
    if (v.isPresent() && !v.get().matches("0x[0-9a-fA-F]{64}")) {
      problems.add(name + " must be a 32-byte hex hash (0x followed by 64 hex characters)");
      return Optional.empty();
    }
    return v.map(a -> a.toLowerCase(Locale.ROOT));
  }

  List<org.centurion.seatmanager.config.NamedEndpoint> endpoints(String name) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return List.of();
    }
    try {
      return org.centurion.seatmanager.config.NamedEndpoints.parse(v.get());
    } catch (RuntimeException e) {
      problems.add(name + ": " + e.getMessage());
      return List.of();
    }
  }

  Secret hexSecret(String name) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      problems.add(name + " is required: generate it with 'seat-manager secrets generate'");
      return null;
    }
    Optional<String> problem = SecretRules.problemWithHexSecret(v.get());
    if (problem.isPresent()) {
      problems.add(name + " " + problem.get() + ": generate a new one with 'seat-manager secrets generate --force'");
      return null;
    }
    return Secret.ofHex(v.get());
  }

  /** An ISO-8601 date-time, instant or date (a date is its start, UTC); empty when unset or unreadable (a problem). */
  Optional<java.time.Instant> instant(String name) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get();
    try {
      return Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
    } catch (java.time.format.DateTimeParseException notDateTime) {
      try {
        return Optional.of(java.time.Instant.parse(s));
      } catch (java.time.format.DateTimeParseException notInstant) {
        try {
          return Optional.of(java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        } catch (java.time.format.DateTimeParseException notDate) {
          problems.add(name + " is not an ISO-8601 date or date-time (e.g. 2026-12-31 or 2026-12-31T00:00:00Z)");
          return Optional.empty();
        }
      }
    }
  }
}
