package org.centurion.seatmanager.cli;

import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code seat-manager operator status}: the seat's state, vault and claim window, with the workspace's key. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show your seat's status.")
final class OperatorStatusCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--workspace", paramLabel = "DIR", description = "default $STAKER_CONSOLE_WORKSPACE") Path workspace;
  @Option(names = "--api", paramLabel = "URL", description = "default: the API the key was issued by") String api;
  @Option(names = "--json", description = "print the whole status as JSON") boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OperatorWorkspace.StoredKey key;
    OperatorApiClient client;
    try {
      key = OperatorWorkspace.of(workspace).read();
      client = new OperatorApiClient(api != null ? api : key.api());
    } catch (IllegalArgumentException | java.io.IOException e) {
      err.println(e.getMessage());
      return OperatorCommand.EXIT_USAGE;
    }
    HttpResponse<String> r = client.get("/v1/operator/seats/" + key.seatId() + "/status", key.key());
    JsonNode s = JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      err.println(s.path("error").path("code").asString() + ": " + s.path("error").path("message").asString());
      return OperatorCommand.EXIT_REFUSED;
    }
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s));
      return 0;
    }
    JsonNode seat = s.path("seat");
    out.println("seat      " + seat.path("id").asLong() + "  " + seat.path("state").asString());
    out.println("validator " + seat.path("pubkey").asString() + "  beacon: " + s.path("validator").path("beaconStatus").asString("-"));
    out.println("vault     " + seat.path("vault").asString() + "  balance: "
        + s.path("vault").path("balanceWei").asString("unavailable") + " wei");
    JsonNode claim = s.path("vault").path("claim");
    if (!claim.isMissingNode()) {
      out.println("claim     claimable now " + claim.path("claimableNowWei").asString() + " wei, pending "
          + claim.path("pendingWei").asString() + " wei" + (claim.path("pendingReadyAt").isNull() ? ""
          : " ready at " + claim.path("pendingReadyAt").asString()));
    }
    for (JsonNode e : s.path("exitRequests")) {
      out.println("exit request " + e.path("id").asLong() + ": " + e.path("status").asString());
    }
    return 0;
  }
}
