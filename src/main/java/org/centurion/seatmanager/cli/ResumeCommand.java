package org.centurion.seatmanager.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seat-manager resume --reason TEXT}: ends the emergency pause, through the API (ADMIN, step-up). */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "End the emergency pause (through the API; may need a second ADMIN's approval).")
public final class ResumeCommand implements Callable<Integer> {
  @Mixin ApiOptions api;

  @Option(names = "--reason", required = true, description = "Why it is safe to sign again.")
  String reason;

  @Override
  public Integer call() {
    return ApiSession.run("resume", api, s -> {
      System.out.println(ApiSession.pretty(s.postWithStepUp("/v1/executor/resume", Map.of("reason", reason))));
      return 0;
    });
  }
}
