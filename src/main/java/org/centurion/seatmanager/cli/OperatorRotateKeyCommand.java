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

/** {@code seat-manager operator rotate-api-key}: replaces the workspace's key; the old one stops working at once. */
@Command(name = "rotate-api-key", mixinStandardHelpOptions = true, description = "Replace your operator API key.")
final class OperatorRotateKeyCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--workspace", paramLabel = "DIR", description = "default $STAKER_CONSOLE_WORKSPACE") Path workspace;
  @Option(names = "--show-key", description = "also print the new key") boolean showKey;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OperatorWorkspace ws;
    OperatorWorkspace.StoredKey key;
    OperatorApiClient client;
    try {
      ws = OperatorWorkspace.of(workspace);
      key = ws.read();
      client = new OperatorApiClient(key.api());
    } catch (IllegalArgumentException | java.io.IOException e) {
      err.println(e.getMessage());
      return OperatorCommand.EXIT_USAGE;
    }
    HttpResponse<String> r = client.post("/v1/operator/seats/" + key.seatId() + "/api-key/rotate", key.key(), "");
    JsonNode k = JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      err.println(k.path("error").path("code").asString() + ": " + k.path("error").path("message").asString());
      return OperatorCommand.EXIT_REFUSED;
    }
    ws.write(new OperatorWorkspace.StoredKey(key.seatId(), k.path("id").asLong(), k.path("key").asString(),
        k.path("expiresAt").asString(), key.api()));
    out.println("operator key " + k.path("id").asLong() + " replaces key " + key.keyId() + "; stored in " + ws.keyFile());
    if (showKey) {
      out.println("operator key: " + k.path("key").asString());
    }
    return 0;
  }
}
