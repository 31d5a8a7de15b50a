package org.centurion.seatmanager.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.cli.Refusal;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code users create|list|reset-password|reset-mfa|disable}: how the first ADMIN comes to exist. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users.",
    subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.ResetPassword.class,
        UsersCommand.ResetMfa.class, UsersCommand.Disable.class})
public final class UsersCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Runs a command body with the shared error handling: a refusal is one clear line and exit 1 or 2. */
  static int run(String name, EnvOptions env, Body body) {
    try (CliSecurity s = CliSecurity.open(env)) {
      return body.run(s);
    } catch (ConfigException e) {
      return Refusal.report(System.err, name, e);
    } catch (Problem e) {
      System.err.println("seat-manager " + name + ": " + e.code() + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println("seat-manager " + name + ": " + e.getMessage());
      return 1;
    }
  }

  interface Body {
    int run(CliSecurity s) throws IOException;
  }

  static User byUsername(CliSecurity s, String username) {
    return s.users.findByUsername(username).orElseThrow(() -> Problem.notFound("no user named " + username));
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a user with a temporary password (printed once, or read with --password-stdin).")
  static final class Create implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--username", required = true, description = "The user's name.")
    String username;

    @Option(names = "--role", required = true, description = "VIEWER, OPERATOR or ADMIN")
    Role role;

    @Option(names = "--password-stdin", description = "Read the temporary password from standard input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
      return run("users create", env, s -> {
        Optional<String> pw = CliSecurity.passwordFromStdin(passwordStdin);
        CliChange change = s.attempt("user.create", "username:" + username);
        UserService.Created c;
        try {
          c = s.users.create(username, role, pw);
        } catch (Problem e) {
          change.failed("username:" + username, e.code());
          throw e;
        }
        change.succeeded("user:" + c.user().id());
        System.out.println("created user " + c.user().username() + " (id " + c.user().id() + ", role "
            + c.user().role() + "); the password is temporary and must be changed at first login");
        c.generatedPassword().ifPresent(p -> System.out.println("temporary password (shown once): " + p));
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Override
    public Integer call() {
      return run("users list", env, s -> {
        List<User> all = s.users.list();
        System.out.printf("%-6s %-24s %-9s %-9s %-15s %s%n", "ID", "USERNAME", "ROLE", "DISABLED", "MUST_CHANGE_PW", "TOTP");
        for (User u : all) {
          System.out.printf("%-6d %-24s %-9s %-9s %-15s %s%n", u.id(), u.username(), u.role(), u.disabled(),
              u.passwordChangeRequired(), u.totpEnabled());
        }
        return 0;
      });
    }
  }

  @Command(name = "reset-password", mixinStandardHelpOptions = true,
      description = "Set a new temporary password (printed once, or read with --password-stdin) and end every "
          + "session of the user; also clears a lockout.")
  static final class ResetPassword implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--username", required = true, description = "The user's name.")
    String username;

    @Option(names = "--password-stdin", description = "Read the new password from standard input instead of generating one.")
    boolean passwordStdin;

    @Override
    public Integer call() {
      return run("users reset-password", env, s -> {
        User u = byUsername(s, username);
        Optional<String> newPassword = CliSecurity.passwordFromStdin(passwordStdin);
        CliChange change = s.attempt("user.password_reset", "user:" + u.id());
        Optional<String> generated;
        try {
          generated = s.users.resetPassword(u.id(), newPassword);
        } catch (Problem e) {
          change.failed("user:" + u.id(), e.code());
          throw e;
        }
        change.succeeded("user:" + u.id());
        System.out.println("password of " + u.username() + " reset; it is temporary; all sessions revoked");
        generated.ifPresent(p -> System.out.println("temporary password (shown once): " + p));
        return 0;
      });
    }
  }

  @Command(name = "reset-mfa", mixinStandardHelpOptions = true,
      description = "Forget every second factor of a user (TOTP, passkeys, recovery codes) and end all their "
          + "sessions: for a lost authenticator. The user then enrols a new factor with the password alone.")
  static final class ResetMfa implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = {"--user", "--username"}, required = true, description = "The user's name.")
    String username;

    @Override
    public Integer call() {
      return run("users reset-mfa", env, s -> {
        User u = byUsername(s, username);
        CliChange change = s.attempt("user.mfa_reset", "user:" + u.id());
        try {
          s.factors.reset(u.id());
        } catch (Problem e) {
          change.failed("user:" + u.id(), e.code());
          throw e;
        }
        change.succeeded("user:" + u.id());
        System.out.println("second factors of " + u.username() + " removed (TOTP, passkeys, recovery codes); "
            + "all sessions revoked; the user enrols a new factor at next sign-in");
        return 0;
      });
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a user and end all their sessions.")
  static final class Disable implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--username", required = true, description = "The user's name.")
    String username;

    @Override
    public Integer call() {
      return run("users disable", env, s -> {
        User u = byUsername(s, username);
        CliChange change = s.attempt("user.disable", "user:" + u.id());
        try {
          s.users.update(u.id(), Optional.empty(), Optional.of(true));
        } catch (Problem e) {
          change.failed("user:" + u.id(), e.code());
          throw e;
        }
        change.succeeded("user:" + u.id());
        System.out.println("user " + u.username() + " disabled; sessions revoked");
        return 0;
      });
    }
  }
}
