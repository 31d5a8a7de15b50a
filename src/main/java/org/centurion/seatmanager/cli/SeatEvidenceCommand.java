package org.centurion.seatmanager.cli;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.evidence.EvidenceVerifier;
import org.centurion.seatmanager.operator.EnrollmentKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seat evidence --seat ID --out FILE} (issue 15): one seat's signed evidence bundle from the
 * database and the configured endpoints, written mode 600 (never over an existing file), the export
 * audited; {@code seat evidence verify FILE [--public-key JWK]} checks one offline.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "Export one seat's signed evidence bundle (the seat, evidence, operations, intents, attempts, receipts,"
        + " approvals, audit rows, chain heads); 'verify FILE' checks one offline.",
    subcommands = {SeatEvidenceCommand.Verify.class})
final class SeatEvidenceCommand implements Callable<Integer> {
  @Mixin EnvOptions env;

  // not required by picocli: 'seat evidence verify FILE' must parse without them
  @Option(names = "--seat", paramLabel = "ID", description = "The seat's id (required to export).")
  Long seatId;

  @Option(names = "--out", paramLabel = "FILE", description = "The bundle file to create, mode 600 (required to export).")
  Path out;

  @Override
  public Integer call() {
    if (seatId == null || out == null) {
      System.err.println("seat-manager seat evidence: --seat ID and --out FILE are required to export"
          + " (or 'seat evidence verify FILE')");
      return 2;
    }
    return SeatCli.run("seat evidence", env, cli -> {
      Path keyFile = cli.components().config().operator().enrollmentKeyFile().orElseThrow(() -> new ConfigException(
          ConfigLoader.ENROLLMENT_KEY_FILE + " is not set: evidence bundles are signed with the deployment's Ed25519 key"
              + " (create one with 'seat-manager enrollment-key generate --out FILE')"));
      EnrollmentKey key = EnrollmentKey.load(keyFile);
      if (Files.exists(out)) {
        System.err.println("seat-manager seat evidence: " + out + " exists: nothing was written");
        return 2;
      }
      CliChange change = cli.attempt("seat.evidence_export", "seat:" + seatId);
      String bundle;
      try {
        bundle = cli.components().evidenceExport().export(seatId, CliChange.actor(), key);
        write(out, bundle);
      } catch (RuntimeException | IOException e) {
        change.failed("seat:" + seatId, e.getMessage());
        throw e;
      }
      change.succeeded("seat:" + seatId);
      System.out.println("wrote " + out + " (mode 600): seat " + seatId + ", signed by key " + key.keyId()
          + "; check it with 'seat-manager seat evidence verify " + out + " --public-key KEY.jwk'");
      return 0;
    });
  }

  private static void write(Path out, String bundle) throws IOException {
    try {
      Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(out + " appeared meanwhile: nothing was written", e);
    }
    Files.writeString(out, bundle + "\n", StandardCharsets.US_ASCII);
  }

  /** {@code seat evidence verify FILE}: offline, no configuration or database needed. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a seat evidence bundle offline: its signature, its key and that it holds together."
          + " Exit 0 valid, 1 not valid, 2 unreadable.")
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The bundle file.")
    Path file;

    @Option(names = "--public-key", paramLabel = "JWK",
        description = "The deployment's Ed25519 public key (a JWK or JWK set, as GET /v1/operator/enrollment-key serves it)."
            + " Without it the bundle is checked against the key it carries, which proves integrity, not origin.")
    Path publicKey;

    @Option(names = "--print", description = "Print the bundle's content (JSON) after checking it.")
    boolean print;

    @Override
    public Integer call() {
      String bundle;
      Optional<OctetKeyPair> pinned;
      try {
        bundle = Files.readString(file, StandardCharsets.US_ASCII);
        pinned = publicKey == null ? Optional.empty() : Optional.of(readKey(publicKey));
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("seat-manager seat evidence verify: " + e.getMessage());
        return 2;
      }
      EvidenceVerifier.Verdict v = EvidenceVerifier.verify(bundle, pinned);
      if (!v.valid()) {
        System.out.println("NOT VALID: " + file);
        v.problems().forEach(p -> System.out.println("  " + p));
        return 1;
      }
      System.out.println("VALID: seat " + v.seatId().map(String::valueOf).orElse("?") + ", signed by key "
          + v.keyId().orElse("?") + ", exported " + v.payload().map(p -> p.path("exportedAt").asString("")).orElse("")
          + "; " + v.payload().map(p -> p.path("evidence").size() + " evidence rows, " + p.path("operations").size()
              + " operations, " + p.path("audit").size() + " audit rows").orElse(""));
      if (!v.keyPinned()) {
        System.err.println("warning: checked against the key the bundle carries; pass --public-key with the deployment's"
            + " key to know who signed it");
      }
      if (print) {
        System.out.println(v.payload().map(p -> p.toPrettyString()).orElse(""));
      }
      return 0;
    }

    private static OctetKeyPair readKey(Path path) throws IOException {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      try {
        JWK jwk = text.contains("\"keys\"") ? single(JWKSet.parse(text)) : JWK.parse(text);
        if (!(jwk instanceof OctetKeyPair okp)) {
          throw new IllegalArgumentException(path + " is not an Ed25519 key (kty OKP)");
        }
        return okp.toPublicJWK();
      } catch (ParseException e) {
        throw new IllegalArgumentException(path + " is not a JWK or JWK set: " + e.getMessage(), e);
      }
    }

    private static JWK single(JWKSet set) {
      if (set.getKeys().size() != 1) {
        throw new IllegalArgumentException("the JWK set holds " + set.getKeys().size() + " keys: pass the one to pin");
      }
      return set.getKeys().get(0);
    }
  }
}
