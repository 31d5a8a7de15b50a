package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.centurion.seatmanager.operator.OperatorTestbed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 16, the operator CLI against a real API: the token and the file are checked here before
 * anything is sent; the key lands in a mode-600 workspace file and is printed only when asked.
 */
class OperatorCliTest {
  static OperatorTestbed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = new OperatorTestbed(Map.of());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String fork() {
    return org.web3j.utils.Numeric.toHexString(OperatorTestbed.FORK);
  }

  @Test
  void onboardChecksLocallyThenStoresTheKeyMode600AndStatusAndRotationUseIt(@TempDir Path dir) throws Exception {
    OperatorTestbed.TestSeat seat = bed.createdSeat();
    String token = bed.token(seat.id());
    Path ws = dir.resolve("ws");

    // another operator's file: refused here, nothing sent (the server saw no enrollment attempt)
    Path wrong = dir.resolve("wrong.json");
    Files.writeString(wrong, bed.depositFile(bed.createdSeat()));
    long attempts = enrollAttempts();
    Run refused = run("operator", "onboard", "--token", token, "--deposit-data", wrong.toString(), "--fork-version", fork(),
        "--api", bed.api.baseUrl(), "--workspace", ws.toString());
    assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err()).contains("DEPOSIT_DATA_INVALID", "nothing was sent");
    assertThat(enrollAttempts()).isEqualTo(attempts);

    Path file = dir.resolve("deposit_data.json");
    Files.writeString(file, bed.depositFile(seat));
    Run ok = run("operator", "onboard", "--token", token, "--deposit-data", file.toString(), "--fork-version", fork(),
        "--api", bed.api.baseUrl(), "--workspace", ws.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("seat " + seat.id() + " is DATA_VERIFIED").doesNotContain("smo_");
    Path keyFile = ws.resolve(OperatorWorkspace.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    String key = new OperatorWorkspace(ws).read().key();
    assertThat(key).startsWith("smo_");

    Run status = run("operator", "status", "--workspace", ws.toString());
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("DATA_VERIFIED").doesNotContain(key);

    Run rotate = run("operator", "rotate-api-key", "--workspace", ws.toString());
    assertThat(rotate.exit()).as(rotate.err()).isZero();
    assertThat(rotate.out()).doesNotContain("smo_");
    String next = new OperatorWorkspace(ws).read().key();
    assertThat(next).isNotEqualTo(key);
    assertThat(bed.getAs(key, "/v1/operator/seats/" + seat.id() + "/status").statusCode()).isEqualTo(401);
    assertThat(run("operator", "status", "--workspace", ws.toString()).exit()).isZero();

    // a key file others can read is refused
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    Run open = run("operator", "status", "--workspace", ws.toString());
    assertThat(open.exit()).isEqualTo(2);
    assertThat(open.err()).contains("mode 600");
  }

  @Test
  void verifyTokenChecksTheSignatureOfflineAndRefusesForgeries(@TempDir Path dir) throws Exception {
    OperatorTestbed.TestSeat seat = bed.createdSeat();
    String token = bed.token(seat.id());
    Run ok = run("operator", "verify-token", "--token", token, "--api", bed.api.baseUrl());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("seat        " + seat.id(), seat.beneficiary());
    // with the public key handed over out of band, no network at all
    Path pub = dir.resolve("enrollment.pub.jwk");
    Files.writeString(pub, bed.key.publicJwk().toJSONString());
    assertThat(run("operator", "verify-token", "--token", token, "--public-key", pub.toString()).exit()).isZero();
    // the same claims under an attacker's key
    Path otherPub = dir.resolve("other.pub.jwk");
    Files.writeString(otherPub, org.centurion.seatmanager.operator.EnrollmentKey.generate().publicJwk().toJSONString());
    Run forged = run("operator", "verify-token", "--token", token, "--public-key", otherPub.toString());
    assertThat(forged.exit()).isEqualTo(1);
    assertThat(forged.err()).contains("ENROLLMENT_TOKEN_INVALID");
    Run tampered = run("operator", "verify-token", "--token", token.substring(0, token.length() - 4) + "AAAA",
        "--api", bed.api.baseUrl());
    assertThat(tampered.exit()).isEqualTo(1);
    // the token and key never travel in clear over a network
    Run clear = run("operator", "verify-token", "--token", token, "--api", "http://seat-manager.example.org");
    assertThat(clear.exit()).isEqualTo(2);
    assertThat(clear.err()).contains("https://");
  }

  @Test
  void enrollmentKeyGenerateWritesAMode600KeyTheServerLoads(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("enrollment.jwk");
    Run r = run("enrollment-key", "generate", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    assertThat(r.out()).doesNotContain("\"d\"");
    assertThat(org.centurion.seatmanager.operator.EnrollmentKey.load(out).keyId()).isNotBlank();
    assertThat(run("enrollment-key", "generate", "--out", out.toString()).exit()).isEqualTo(2);
  }

  private static long enrollAttempts() {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'operator.enroll'"
        + " OR action = 'POST /v1/operator/enroll'").mapTo(Long.class).one());
  }
}
