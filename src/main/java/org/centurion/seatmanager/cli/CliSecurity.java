package org.centurion.seatmanager.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.store.SchemaGuard;

/**
 * What the {@code users} and {@code staker-keys} commands run with: the full configuration (so
 * the CLI refuses exactly what the API refuses), a current schema, and the audit log, in which
 * every CLI change is recorded, before and after it runs, with the operating-system user as actor.
 */
final class CliSecurity implements AutoCloseable {
  private final Components components;
  final UserService users;
  final StakerKeyService stakerKeys;

  /** The API's own user and staker-key services (the same construction, so the same rules), over the CLI's pool. */
  private CliSecurity(Config config) {
    this.components = Components.open(config, Components.Pool.CLI, Clock.systemUTC());
    try {
      SchemaGuard.requireCurrent(components.database());
    } catch (RuntimeException e) {
      components.close();
      throw e;
    }
    this.users = components.security().users();
    this.stakerKeys = components.security().stakerKeys();
  }

  static CliSecurity open(EnvOptions env) {
    return new CliSecurity(ConfigLoader.load(env.environment(), "127.0.0.1", 0));
  }

  /** Puts a CLI change on record before it runs; see {@link CliChange}. */
  CliChange attempt(String action, String target) {
    return CliChange.begin(components.audit(), action, target);
  }

  /** One line from stdin, so a password never appears in argv or shell history. */
  static Optional<String> passwordFromStdin(boolean enabled) throws IOException {
    if (!enabled) {
      return Optional.empty();
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      throw new IOException("--password-stdin: no password on standard input");
    }
    return Optional.of(line);
  }

  @Override
  public void close() {
    components.close();
  }
}
