package org.centurion.seatmanager.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code operations list|show|retry|cancel} (issue 15): the treasury's operations through the API, as
 * {@code GET /v1/operations} and its writes answer them; the API decides what may be retried or
 * cancelled and says why not.
 */
@Command(name = "operations", mixinStandardHelpOptions = true,
    description = "Treasury operations through the API: list, show, retry a FAILED one, cancel a QUEUED one.",
    subcommands = {OperationsCommand.ListOperations.class, OperationsCommand.Show.class, OperationsCommand.Retry.class,
        OperationsCommand.Cancel.class})
public final class OperationsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Operations, newest first, one page.")
  static final class ListOperations implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--status", description = "QUEUED, IN_FLIGHT, CONFIRMED, FAILED or CANCELLED.")
    String status;

    @Option(names = "--kind", description = "The operation kind, e.g. DEPOSIT.")
    String kind;

    @Option(names = "--seat", paramLabel = "SEAT", description = "Only this seat's operations.")
    Long seat;

    @Option(names = "--min-age", paramLabel = "DURATION", description = "Only operations older than this (ISO-8601, e.g. PT30M).")
    String minAge;

    @Option(names = "--cursor", description = "The nextCursor of the previous page.")
    String cursor;

    @Option(names = "--limit", description = "Operations per page.")
    Integer limit;

    @Override
    public Integer call() {
      StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
      add(query, "status", status);
      add(query, "kind", kind);
      add(query, "seat", seat);
      add(query, "minAge", minAge);
      add(query, "cursor", cursor);
      add(query, "limit", limit);
      return ApiSession.run("operations list", api, s -> {
        System.out.println(ApiSession.pretty(s.get("/v1/operations" + query)));
        return 0;
      });
    }

    private static void add(StringJoiner query, String name, Object value) {
      if (value != null) {
        query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One operation with its intents, attempts and what can be done next.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--id", required = true, description = "The operation's id.")
    long id;

    @Override
    public Integer call() {
      return ApiSession.run("operations show", api, s -> {
        System.out.println(ApiSession.pretty(s.get("/v1/operations/" + id)));
        return 0;
      });
    }
  }

  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Retry a FAILED operation as a new one linked to it (step-up).")
  static final class Retry implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--id", required = true, description = "The FAILED operation's id.")
    long id;

    @Override
    public Integer call() {
      return ApiSession.run("operations retry", api, s -> {
        System.out.println(ApiSession.pretty(s.postWithStepUp("/v1/operations/" + id + "/retry", Map.of())));
        return 0;
      });
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Cancel a QUEUED operation that has nothing signed (step-up).")
  static final class Cancel implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--id", required = true, description = "The operation's id.")
    long id;

    @Option(names = "--reason", required = true, description = "Why (kept in the audit log).")
    String reason;

    @Override
    public Integer call() {
      return ApiSession.run("operations cancel", api, s -> {
        System.out.println(ApiSession.pretty(s.postWithStepUp("/v1/operations/" + id + "/cancel", Map.of("reason", reason))));
        return 0;
      });
    }
  }
}
