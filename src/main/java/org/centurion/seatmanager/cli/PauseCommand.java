package org.centurion.seatmanager.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seat-manager pause --reason TEXT} (issue 15): the emergency stop, through the API (ADMIN,
 * step-up, audited there). The password is read from standard input.
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
    description = "Emergency pause: no executor signs anything new until an ADMIN resumes (through the API).")
public final class PauseCommand implements Callable<Integer> {
  @Mixin ApiOptions api;

  @Option(names = "--reason", required = true, description = "Why (kept in the audit log and shown on every page).")
  String reason;

  @Override
  public Integer call() {
    return ApiSession.run("pause", api, s -> {
      System.out.println(ApiSession.pretty(s.postWithStepUp("/v1/executor/pause", Map.of("reason", reason))));
      return 0;
    });
  }
}
