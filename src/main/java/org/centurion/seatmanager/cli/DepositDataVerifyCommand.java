package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.deposit.BatchVerifier;
import org.centurion.seatmanager.deposit.DepositDataParser;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.deposit.DepositFailure;
import org.centurion.seatmanager.deposit.EntryVerification;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.deposit.Hex;
import org.centurion.seatmanager.deposit.ParserLimits;
import org.centurion.seatmanager.deposit.SeatExpectation;
import org.centurion.seatmanager.deposit.VerificationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code seat-manager deposit-data verify FILE --fork-version 0x… [--vault 0x…] [--json]}: what an operator
 * runs before submitting a file. Exit code 0 only when every entry passes every check; 1 when any check
 * fails; 2 when the command itself is used wrongly or the file cannot be read.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Run every deposit check on a deposit_data-*.json file; exit 0 only if all entries pass.")
final class DepositDataVerifyCommand implements Callable<Integer> {
  static final int EXIT_FAILED_CHECKS = 1;
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the deposit_data-*.json file")
  Path file;

  @Option(names = "--fork-version", required = true, paramLabel = "0xXXXXXXXX",
      description = "the chain's genesis fork version (GENESIS_FORK_VERSION)")
  String forkVersion;

  @Option(names = "--vault", paramLabel = "0x…", description = "the seat's vault; checks the withdrawal credentials name it")
  String vault;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ForkVersion fork;
    byte[] vaultAddress = null;
    try {
      fork = ForkVersion.parse(forkVersion);
    } catch (IllegalArgumentException e) {
      err.println("--fork-version: " + e.getMessage());
      return EXIT_USAGE;
    }
    if (vault != null) {
      if (!Hex.isHex(vault) || Hex.byteLength(vault) != SeatExpectation.ADDRESS_LENGTH) {
        err.println("--vault: a vault address is 20 bytes of hex such as 0x412a91402f3d3baee3612d5b5d0ba43542b7adf9");
        return EXIT_USAGE;
      }
      vaultAddress = Hex.decode(vault, SeatExpectation.ADDRESS_LENGTH);
    }
    byte[] content;
    // One byte past the limit is enough for the parser to say FILE_TOO_LARGE.
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(ParserLimits.DEFAULT.maxBytes() + 1);
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getClass().getSimpleName());
      return EXIT_USAGE;
    }
    DepositDataVerifier verifier =
        new DepositDataVerifier(fork, true, new BatchVerifier(Runtime.getRuntime().availableProcessors()));
    SeatExpectation expectation = vaultAddress == null ? SeatExpectation.none() : SeatExpectation.vaultOnly(vaultAddress);
    VerificationReport report = verifier.verify(new DepositDataParser().parse(content), expectation);
    if (json) {
      out.println(toJson(report, fork, vaultAddress));
    } else {
      printText(out, report, fork, vaultAddress);
    }
    out.flush();
    return report.passed() ? 0 : EXIT_FAILED_CHECKS;
  }

  private void printText(PrintWriter out, VerificationReport report, ForkVersion fork, byte[] vaultAddress) {
    out.println("deposit data: " + file);
    out.println("genesis fork version: " + fork);
    out.println("vault: " + (vaultAddress == null ? "(not given: withdrawal credentials checked for the 0x01 vault form only)" : Hex.encodePrefixed(vaultAddress)));
    for (DepositFailure f : report.fileFailures()) {
      out.println("FILE  " + f.code() + ": " + f.detail());
    }
    int passed = 0;
    for (EntryVerification e : report.entries()) {
      String key = e.pubkey().isEmpty() ? "(unparsed)" : e.pubkey();
      if (e.passed()) {
        passed++;
        out.println("entry " + e.index() + " " + key + ": OK");
      } else {
        out.println("entry " + e.index() + " " + key + ": FAILED");
        for (DepositFailure f : e.failures()) {
          out.println("    " + f.code() + (f.field().isEmpty() ? "" : " [" + f.field() + "]") + ": " + f.detail());
        }
      }
    }
    for (String w : report.warnings()) {
      out.println("WARNING: " + w);
    }
    out.println(report.entries().size() + " entries, " + passed + " passed, " + (report.entries().size() - passed) + " failed: "
        + (report.passed() ? "ALL CHECKS PASSED" : "DO NOT SUBMIT"));
  }

  private String toJson(VerificationReport report, ForkVersion fork, byte[] vaultAddress) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("file", file.toString());
    root.put("forkVersion", fork.toString());
    if (vaultAddress == null) {
      root.putNull("vault");
    } else {
      root.put("vault", Hex.encodePrefixed(vaultAddress));
    }
    root.put("passed", report.passed());
    addFailures(root.putArray("fileFailures"), report.fileFailures());
    ArrayNode entries = root.putArray("entries");
    for (EntryVerification e : report.entries()) {
      ObjectNode n = entries.addObject();
      n.put("index", e.index());
      n.put("pubkey", e.pubkey());
      n.put("passed", e.passed());
      addFailures(n.putArray("failures"), e.failures());
    }
    ArrayNode warnings = root.putArray("warnings");
    report.warnings().forEach(warnings::add);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void addFailures(ArrayNode array, java.util.List<DepositFailure> failures) {
    for (DepositFailure f : failures) {
      ObjectNode n = array.addObject();
      n.put("code", f.code().name());
      n.put("field", f.field());
      n.put("detail", f.detail());
    }
  }
}
