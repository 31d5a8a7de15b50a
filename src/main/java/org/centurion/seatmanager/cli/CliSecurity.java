package org.centurion.seatmanager.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.auth.Hmac;
import org.centurion.seatmanager.auth.PasswordCheck;
import org.centurion.seatmanager.auth.PasswordHasher;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.SchemaGuard;

/**
 * What the {@code users} and {@code staker-keys} commands run with: the full configuration (so
 * the CLI refuses exactly what the API refuses), a current schema, and the audit log, in which
 * every CLI change is recorded, before and after it runs, with the operating-system user as actor.
 */
final class CliSecurity implements AutoCloseable {
  private final Database db;
  private final Clock clock = Clock.systemUTC();
  final UserService users;
  final StakerKeyService stakerKeys;
  private final AuditLog audit;

  private CliSecurity(Config config) {
    this.db = Database.open(config.database(), "seat-manager-cli", 2);
    try {
      SchemaGuard.requireCurrent(db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    Config.Security s = config.security();
    this.users = new UserService(db.jdbi(), new PasswordHasher(), clock,
        new PasswordCheck.Lockout(s.lockoutThreshold(), s.lockoutDuration()), s.temporaryPasswordTtl(),
        s.adminPasswordMinLength());
    this.stakerKeys = new StakerKeyService(db.jdbi(), new Hmac(config.secrets().sessionHmac()), clock);
    this.audit = AuditLog.of(db.jdbi(), clock, config.audit());
  }

  static CliSecurity open(EnvOptions env) {
    return new CliSecurity(ConfigLoader.load(env.environment(), "127.0.0.1", 0));
  }

  /** Puts a CLI change on record before it runs; see {@link CliChange}. */
  CliChange attempt(String action, String target) {
    return CliChange.begin(audit, action, target);
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
    db.close();
  }
}
