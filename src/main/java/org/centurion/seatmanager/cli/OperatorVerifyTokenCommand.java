package org.centurion.seatmanager.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.operator.EnrollmentClaims;
import org.centurion.seatmanager.problem.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seat-manager operator verify-token}: checks an enrollment token's signature and expiry offline; exit 0 only if valid. */
@Command(name = "verify-token", mixinStandardHelpOptions = true,
    description = "Check an enrollment token's signature, type and expiry against the enrollment public key.")
final class OperatorVerifyTokenCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--token", paramLabel = "JWT", description = "the enrollment token") String token;
  @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding the enrollment token") Path tokenFile;
  @Option(names = "--public-key", paramLabel = "FILE", description = "the enrollment public key (JWK or JWK set)")
  Path publicKey;
  @Option(names = "--api", paramLabel = "URL", description = "fetch the public key the seat manager serves") String api;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EnrollmentClaims c;
    try {
      String jwt = OperatorTokens.token(token, tokenFile);
      c = OperatorTokens.verify(jwt, OperatorTokens.publicKey(publicKey, api == null ? null : new OperatorApiClient(api)));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return OperatorCommand.EXIT_USAGE;
    } catch (Problem p) {
      err.println(p.code() + ": " + p.getMessage());
      return OperatorCommand.EXIT_REFUSED;
    }
    print(out, c);
    return 0;
  }

  static void print(PrintWriter out, EnrollmentClaims c) {
    out.println("enrollment token valid (signed by key " + c.keyId() + ")");
    out.println("  seat        " + c.seatId());
    out.println("  operator    " + c.operatorId());
    out.println("  beneficiary " + c.beneficiary());
    out.println("  pubkey      " + c.pubkey());
    out.println("  vault       " + c.vault());
    out.println("  expires     " + c.expiresAt());
  }
}
