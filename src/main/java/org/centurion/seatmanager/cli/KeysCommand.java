package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.deposit.Bls;
import org.centurion.seatmanager.deposit.Eip2333;
import org.centurion.seatmanager.deposit.Eip2335Keystore;
import org.centurion.seatmanager.deposit.Hex;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.keys.KeyProcessSettings;
import org.centurion.seatmanager.keys.PasswordSeal;
import org.centurion.seatmanager.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import supranational.blst.SecretKey;

/**
 * {@code keys serve} runs the key process; {@code keys export} hands one managed seat's EIP-2335
 * keystore and that keystore's own password to its validator operator.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Managed validator keys.",
    subcommands = {KeysCommand.Export.class, KeysServeCommand.class})
public final class KeysCommand implements Runnable {
  /** Stable codes of export refusals (also the audit reason). */
  static final String NOT_FOUND = ErrorCodes.NOT_FOUND;
  static final String WRITE_FAILED = "WRITE_FAILED";
  static final String SEAL_KEY_UNAVAILABLE = "SEAL_KEY_UNAVAILABLE";
  static final String KEYSTORE_PASSWORD_MISMATCH = "KEYSTORE_PASSWORD_MISMATCH";
  static final String KEY_NOT_THE_SEATS = "KEY_NOT_THE_SEATS";

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write one seat's keystore and its own password to two new files (mode 600). Run as the key "
          + "process's user: only it can read the seal key.")
  static final class Export implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--seat", required = true, description = "The seat id")
    long seatId;

    @Option(names = "--out", required = true, description = "A new file for the keystore; never overwritten")
    Path out;

    @Option(names = "--password-out", description = "A new file for the keystore's password (default: <out>.password)")
    Path passwordOut;

    @Option(names = "--seal-key-file", description = "The key process's seal key (default: ${SEAT_MANAGER_KEYS_SEAL_KEY_FILE})")
    Path sealKeyFile;

    /** {@code seatPubkey} is the seat's own (its deposit's); the rest is the managed-key row api wrote. */
    private record Material(String keystore, String pubkey, String path, Optional<String> sealed, String seatPubkey) {}

    @Override
    public Integer call() {
      return SeatCli.run("keys export", env, cli -> {
        Optional<Material> row = cli.db.jdbi().withHandle(h -> h.createQuery("SELECT m.keystore, m.pubkey, m.key_path, "
                + "m.sealed_password, s.pubkey FROM seats s JOIN seat_bls_material m ON m.request_id = s.request_id WHERE s.id = :id")
            .bind("id", seatId)
            .map((rs, ctx) -> new Material(rs.getString(1), rs.getString(2), rs.getString(3),
                Optional.ofNullable(rs.getString(4)), rs.getString(5)))
            .findOne());
        String target = "seat:" + seatId;
        CliChange change = cli.attempt("keys.export", target);
        if (row.isEmpty()) {
          change.failed(target, NOT_FOUND);
          throw Problem.notFound("seat " + seatId + " has no managed key");
        }
        Material m = row.get();
        if (!m.pubkey().equalsIgnoreCase(m.seatPubkey())) {
          // a whole managed-key row of another seat (keystore, sealed password, pubkey and path) copied onto this one
          change.failed(target, KEY_NOT_THE_SEATS);
          throw Problem.conflict(KEY_NOT_THE_SEATS, "the managed key row of seat " + seatId + " is for pubkey " + m.pubkey()
              + ", not the seat's own " + m.seatPubkey());
        }
        Optional<String> password = Optional.empty();
        if (m.sealed().isPresent()) {
          password = Optional.of(unseal(m, change, target));
        }
        Path pwFile = passwordOut != null ? passwordOut : out.resolveSibling(out.getFileName() + ".password");
        try {
          writeNew(out, m.keystore());
          if (password.isPresent()) {
            writeNew(pwFile, password.get());
          }
        } catch (IOException e) {
          change.failed(target, WRITE_FAILED);
          throw e;
        }
        change.succeeded(target + " " + m.pubkey());
        System.out.println("wrote the keystore of seat " + seatId + " (" + m.path() + ", pubkey " + m.pubkey()
            + ") to " + out + (password.isPresent() ? " and its own password to " + pwFile
            : "; it predates per-keystore passwords: its password is the old shared keystore password"));
        return 0;
      });
    }

    /** The keystore's own password, after checking that it opens exactly this seat's keystore. */
    private String unseal(Material m, CliChange change, String target) {
      Path file = sealKeyFile != null ? sealKeyFile
          : env.environment().get(KeyProcessSettings.SEAL_KEY_FILE).map(Path::of).orElse(null);
      String password;
      try {
        if (file == null) {
          throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_MISSING,
              "--seal-key-file or " + KeyProcessSettings.SEAL_KEY_FILE + " is required");
        }
        PasswordSeal seal = PasswordSeal.fromHex(new KeyProcessSettings.PasswordSealSource(file).readHex(), new SecureRandom());
        password = seal.unseal(m.sealed().orElseThrow(), m.pubkey(), m.path());
      } catch (ManagedKeyException | IllegalArgumentException e) {
        change.failed(target, SEAL_KEY_UNAVAILABLE);
        throw Problem.unavailable(SEAL_KEY_UNAVAILABLE, "the seal key cannot be read: " + e.getMessage());
      } catch (PasswordSeal.SealException e) {
        change.failed(target, PasswordSeal.SealException.CODE);
        throw Problem.conflict(PasswordSeal.SealException.CODE, e.getMessage());
      }
      String keyPubkey;
      try {
        keyPubkey = pubkeyOf(Eip2335Keystore.decrypt(m.keystore(), password));
      } catch (ManagedKeyException e) {
        // the row's keystore was replaced (e.g. by another seat's): never hand out a mismatched pair
        change.failed(target, KEYSTORE_PASSWORD_MISMATCH);
        throw Problem.conflict(KEYSTORE_PASSWORD_MISMATCH, "the sealed password does not open this seat's keystore: "
            + e.code());
      }
      if (!keyPubkey.equalsIgnoreCase(m.seatPubkey())) {
        // the keystore and its sealed password belong together, but to another key than the seat's
        change.failed(target, KEY_NOT_THE_SEATS);
        throw Problem.conflict(KEY_NOT_THE_SEATS, "the keystore of seat " + seatId + " holds the key of pubkey " + keyPubkey
            + ", not the seat's own " + m.seatPubkey());
      }
      return password;
    }

    /** The pubkey of a decrypted secret key, which is wiped. */
    private static String pubkeyOf(byte[] secret) {
      SecretKey sk = new SecretKey();
      sk.from_bendian(secret);
      Arrays.fill(secret, (byte) 0);
      try {
        return Hex.encodePrefixed(Bls.publicKeyOf(sk));
      } finally {
        Eip2333.wipe(sk);
      }
    }

    /** Created with mode 600 from the start, and never over an existing file. */
    private static void writeNew(Path file, String content) throws IOException {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
  }
}
