package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.auth.StakerKey;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code staker-keys create|list|revoke}. */
@Command(name = "staker-keys", mixinStandardHelpOptions = true, description = "Manage staker API keys.",
    subcommands = {StakerKeysCommand.Create.class, StakerKeysCommand.ListKeys.class, StakerKeysCommand.Revoke.class})
public final class StakerKeysCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a read-only key bound to one address; the key is printed once.")
  static final class Create implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--address", required = true, description = "The staker's address, 0x…")
    String address;

    @Option(names = "--label", defaultValue = "", description = "A note to recognise the key by (who holds it).")
    String label;

    @Option(names = "--expires", description = "ISO-8601 instant after which the key stops working")
    String expires;

    @Override
    public Integer call() {
      return UsersCommand.run("staker-keys create", env, s -> {
        Optional<Instant> exp;
        try {
          exp = Optional.ofNullable(expires).map(Instant::parse);
        } catch (DateTimeParseException e) {
          throw Problem.badRequest(ErrorCodes.INVALID_EXPIRY, "--expires must be an ISO-8601 instant, e.g. 2027-01-01T00:00:00Z");
        }
        CliChange change = s.attempt("staker_key.create", null);
        StakerKeyService.Created c;
        try {
          c = s.stakerKeys.create(address, label, exp, CliChange.actor());
        } catch (Problem e) {
          change.failed(null, e.code());
          throw e;
        }
        change.succeeded("staker-key:" + c.key().id() + " " + c.key().stakerAddress());
        System.out.println("created staker key " + c.key().id() + " bound to " + c.key().stakerAddress());
        System.out.println("api key (shown once): " + c.secret());
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List staker keys (never the keys).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Override
    public Integer call() {
      return UsersCommand.run("staker-keys list", env, s -> {
        System.out.printf("%-6s %-42s %-20s %-26s %s%n", "ID", "ADDRESS", "LABEL", "EXPIRES", "REVOKED");
        for (StakerKey k : s.stakerKeys.list()) {
          System.out.printf("%-6d %-42s %-20s %-26s %s%n", k.id(), k.stakerAddress(), k.label(),
              k.expiresAt() == null ? "-" : k.expiresAt(), k.revokedAt() == null ? "-" : k.revokedAt());
        }
        return 0;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a staker key.")
  static final class Revoke implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--id", required = true, description = "The key's id (as staker-keys list shows it).")
    long id;

    @Override
    public Integer call() {
      return UsersCommand.run("staker-keys revoke", env, s -> {
        CliChange change = s.attempt("staker_key.revoke", "staker-key:" + id);
        if (!s.stakerKeys.revoke(id)) {
          change.failed("staker-key:" + id, ErrorCodes.NOT_FOUND);
          throw Problem.notFound("no live staker key with id " + id);
        }
        change.succeeded("staker-key:" + id);
        System.out.println("staker key " + id + " revoked");
        return 0;
      });
    }
  }
}
