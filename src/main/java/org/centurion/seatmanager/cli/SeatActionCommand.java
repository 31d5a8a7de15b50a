package org.centurion.seatmanager.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seat approve|deposit|revoke|force-exit|settle|resolve --id N} (issue 15): one seat write through the
 * API, signed in as the given user and stepped up where the route demands it, so the API's guard,
 * two-person approval and audit decide exactly as for the console. The password is read from standard
 * input. A write that waits for a second ADMIN's approval prints the pending approval (HTTP 202).
 */
abstract class SeatActionCommand implements Callable<Integer> {
  @Mixin ApiOptions api;

  @Option(names = "--id", required = true, paramLabel = "SEAT", description = "The seat's id.")
  long seatId;

  private final String action;
  private final boolean stepUp;

  /**
   * @param action the route's last segment
   * @param stepUp whether the route demands a step-up (irreversible or moving money)
   */
  SeatActionCommand(String action, boolean stepUp) {
    this.action = action;
    this.stepUp = stepUp;
  }

  @Override
  public Integer call() {
    String path = "/v1/seats/" + seatId + "/" + action;
    Map<String, Object> body = body();
    return ApiSession.run("seat " + action, api, s -> {
      System.out.println(ApiSession.pretty(stepUp ? s.postWithStepUp(path, body) : s.write(path, body)));
      return 0;
    });
  }

  /** The request body: none, unless the route takes fields. */
  Map<String, Object> body() {
    return Map.of();
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Write the seat's allowlist intent (pubkey, credentials, 32 CTN) through the API.")
  static final class Approve extends SeatActionCommand {
    Approve() {
      super("approve", false);
    }
  }

  @Command(name = "deposit", mixinStandardHelpOptions = true,
      description = "Deposit the seat's 32 CTN after every pre-funding check (step-up; may need a second ADMIN).")
  static final class Deposit extends SeatActionCommand {
    Deposit() {
      super("deposit", true);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a seat before its deposit, removing its allowlist intent (step-up).")
  static final class Revoke extends SeatActionCommand {
    Revoke() {
      super("revoke", true);
    }
  }

  @Command(name = "force-exit", mixinStandardHelpOptions = true,
      description = "Request the validator's exit through its vault, EIP-7002 (step-up; may need a second ADMIN).")
  static final class ForceExit extends SeatActionCommand {
    ForceExit() {
      super("force-exit", true);
    }
  }

  @Command(name = "settle", mixinStandardHelpOptions = true,
      description = "Propose the vault's settlement; the executor finalizes it after the vault's delay (step-up).")
  static final class Settle extends SeatActionCommand {
    Settle() {
      super("settle", true);
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Resolve an EXCEPTION seat to the state the chain's evidence supports, read again now (step-up).")
  static final class Resolve extends SeatActionCommand {
    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why the seat is resolved (1 to 500 characters), kept on the seat's record.")
    String reason;

    Resolve() {
      super("resolve", true);
    }

    @Override
    Map<String, Object> body() {
      return Map.of("reason", reason);
    }
  }

  /** {@code seat with-vault}: deploys a vault through the router and creates the seat once it is verified. */
  @Command(name = "with-vault", mixinStandardHelpOptions = true,
      description = "Create a seat: deploy its vault through the router and verify it (through the API).")
  static final class WithVault implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--operator-id", required = true, description = "The operator who will run the validator.")
    String operatorId;

    @Option(names = "--beneficiary", required = true, paramLabel = "0xADDRESS",
        description = "Who receives the rewards (the vault's beneficiary).")
    String beneficiary;

    @Option(names = "--pubkey", paramLabel = "0xPUBKEY", description = "The validator's BLS pubkey, when already known.")
    String pubkey;

    @Override
    public Integer call() {
      Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("operatorId", operatorId);
      body.put("beneficiary", beneficiary);
      if (pubkey != null) {
        body.put("pubkey", pubkey);
      }
      return ApiSession.run("seat with-vault", api, s -> {
        System.out.println(ApiSession.pretty(s.write("/v1/seats/with-vault", body)));
        return 0;
      });
    }
  }
}
