package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.centurion.seatmanager.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DepositDataVerifyCommandTest {
  private static final String HOLESKY_VAULT = "0xf0179dec45a37423ead4fad5fcb136197872ead9";
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private Path copy(String resource) throws Exception {
    Path p = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    Files.write(p, TestFiles.bytes(resource));
    return p;
  }

  @Test
  void aGoodFileExitsZero() throws Exception {
    Path f = copy("depositcli/deposit_data-holesky.json");
    Run r = run("deposit-data", "verify", f.toString(), "--fork-version", "0x01017000", "--vault", HOLESKY_VAULT);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("20 entries, 20 passed, 0 failed: ALL CHECKS PASSED");
  }

  @Test
  void theWrongVaultOrForkExitsOneAndSaysWhy() throws Exception {
    Path f = copy("depositcli/deposit_data-hoodi.json");
    Run r = run("deposit-data", "verify", f.toString(), "--fork-version", "0x01017000", "--vault", HOLESKY_VAULT);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("WC_NOT_VAULT", "FORK_VERSION_MISMATCH", "SIGNATURE_INVALID", "DO NOT SUBMIT");
  }

  @Test
  void jsonReportForMachines() throws Exception {
    Path f = copy("depositcli/deposit_data-mainnet.json");
    Run r = run("deposit-data", "verify", f.toString(), "--fork-version", "0x00000000", "--json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode report = JsonMapper.builder().build().readTree(r.out());
    assertThat(report.path("passed").booleanValue()).isFalse();
    assertThat(report.path("entries").size()).isEqualTo(100);
    assertThat(report.path("entries").get(0).path("failures").get(0).path("code").stringValue()).isEqualTo("WC_PREFIX");
    assertThat(report.path("vault").isNull()).isTrue();
  }

  @Test
  void malformedFilesExitOneWithTheirCode() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"not\": \"an array\"}");
    Run r = run("deposit-data", "verify", f.toString(), "--fork-version", "0x01017000");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("NOT_AN_ARRAY");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path f = copy("depositcli/deposit_data-hoodi.json");
    assertThat(run("deposit-data", "verify", f.toString(), "--fork-version", "0x0101").exit()).isEqualTo(2);
    assertThat(run("deposit-data", "verify", f.toString(), "--fork-version", "0x01017000", "--vault", "0x1234").exit()).isEqualTo(2);
    assertThat(run("deposit-data", "verify", dir.resolve("absent.json").toString(), "--fork-version", "0x01017000").exit()).isEqualTo(2);
    assertThat(run("deposit-data", "verify", f.toString()).exit()).isEqualTo(2);
  }
}
