package org.centurion.seatmanager.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.deposit.BatchVerifier;
import org.centurion.seatmanager.deposit.DepositDataParser;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.deposit.DepositFailure;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.deposit.ParserLimits;
import org.centurion.seatmanager.deposit.SeatExpectation;
import org.centurion.seatmanager.deposit.VerificationReport;
import org.centurion.seatmanager.operator.EnrollmentClaims;
import org.centurion.seatmanager.problem.Problem;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code seat-manager operator onboard --token … --deposit-data FILE --fork-version 0x… --api URL}: checks
 * the token (signature, type, expiry) and the file (every deposit check, against the seat's pubkey and
 * vault the token names) here first, with the server's own verifiers, and sends nothing unless both
 * pass; then redeems the token and stores the operator key in the workspace (mode 600). The key is
 * printed only with {@code --show-key}.
 */
@Command(name = "onboard", mixinStandardHelpOptions = true,
    description = "Redeem an enrollment token with your deposit-cli file; stores the operator API key (mode 600).")
final class OperatorOnboardCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--token", paramLabel = "JWT", description = "the enrollment token") String token;
  @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding the enrollment token") Path tokenFile;
  @Option(names = "--deposit-data", required = true, paramLabel = "FILE", description = "your deposit_data-*.json")
  Path depositData;
  @Option(names = "--fork-version", required = true, paramLabel = "0xXXXXXXXX", description = "the chain's genesis fork version")
  String forkVersion;
  @Option(names = "--api", required = true, paramLabel = "URL", description = "the seat manager (https)") String api;
  @Option(names = "--public-key", paramLabel = "FILE",
      description = "the enrollment public key the foundation gave you (else the one the API serves)") Path publicKey;
  @Option(names = "--workspace", paramLabel = "DIR", description = "where the key is stored (default $STAKER_CONSOLE_WORKSPACE)")
  Path workspace;
  @Option(names = "--show-key", description = "also print the operator API key") boolean showKey;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OperatorApiClient client;
    OperatorWorkspace ws;
    EnrollmentClaims claims;
    String jwt;
    ForkVersion fork;
    try {
      client = new OperatorApiClient(api);
      ws = OperatorWorkspace.of(workspace);
      fork = ForkVersion.parse(forkVersion);
      jwt = OperatorTokens.token(token, tokenFile);
      claims = OperatorTokens.verify(jwt, OperatorTokens.publicKey(publicKey, client));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return OperatorCommand.EXIT_USAGE;
    } catch (Problem p) {
      err.println(p.code() + ": " + p.getMessage() + "; nothing was sent");
      return OperatorCommand.EXIT_REFUSED;
    }
    OperatorVerifyTokenCommand.print(out, claims);
    byte[] content;
    try (InputStream in = Files.newInputStream(depositData)) {
      content = in.readNBytes(ParserLimits.DEFAULT.maxBytes() + 1);
    }
    VerificationReport report = new DepositDataVerifier(fork, true, new BatchVerifier(1)).verifySeatSubmission(
        new DepositDataParser().parse(content), SeatExpectation.of(Numeric.hexStringToByteArray(claims.pubkey()),
            Numeric.hexStringToByteArray(claims.vault())));
    if (!report.passed()) {
      for (DepositFailure f : report.failures()) {
        err.println("  " + f.code() + (f.field().isEmpty() ? "" : " [" + f.field() + "]") + ": " + f.detail());
      }
      err.println("DEPOSIT_DATA_INVALID: the file fails the seat's deposit checks; nothing was sent");
      return OperatorCommand.EXIT_REFUSED;
    }
    out.println("deposit data: every check passed for seat " + claims.seatId());
    ObjectNode body = JSON.createObjectNode();
    body.put("token", jwt);
    body.put("depositData", new String(content, StandardCharsets.UTF_8));
    HttpResponse<String> r = client.post("/v1/operator/enroll", null, JSON.writeValueAsString(body));
    JsonNode answer = JSON.readTree(r.body());
    if (r.statusCode() != 200) {
      err.println(answer.path("error").path("code").asString() + ": " + answer.path("error").path("message").asString());
      return OperatorCommand.EXIT_REFUSED;
    }
    JsonNode k = answer.path("operatorKey");
    ws.write(new OperatorWorkspace.StoredKey(k.path("seatId").asLong(), k.path("id").asLong(), k.path("key").asString(),
        k.path("expiresAt").asString(), client.base()));
    out.println("seat " + claims.seatId() + " is " + answer.path("seat").path("state").asString());
    out.println("operator key " + k.path("id").asLong() + " stored in " + ws.keyFile() + " (mode 600), expires "
        + k.path("expiresAt").asString());
    if (showKey) {
      out.println("operator key: " + k.path("key").asString());
    }
    return 0;
  }
}
