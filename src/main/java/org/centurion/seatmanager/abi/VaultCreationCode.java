package org.centurion.seatmanager.abi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WithdrawalVault creation bytecode our factory embeds: the bundled reference build by
 * default, or a hex file ({@code SEAT_MANAGER_VAULT_CREATION_CODE_FILE}) when the deployed factory
 * was built from other sources. A wrong code fails closed: every derived vault address differs
 * from the real one, so every deposit and vault call is refused.
 */
public final class VaultCreationCode {
  public static final String FILE_VARIABLE = "SEAT_MANAGER_VAULT_CREATION_CODE_FILE";
  private static final String REFERENCE = "/contracts/WithdrawalVault.json";

  private VaultCreationCode() {}

  /** The creation bytecode of the bundled reference WithdrawalVault. */
  public static byte[] reference() {
    try (InputStream in = VaultCreationCode.class.getResourceAsStream(REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException("the bundled " + REFERENCE + " is missing");
      }
      JsonNode artifact = JsonMapper.builder().build().readTree(in);
      return Numeric.hexStringToByteArray(artifact.get("bytecode").asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file holding the creation bytecode as hex (0x optional, surrounding whitespace ignored). */
  public static byte[] fromFile(Path file) throws IOException {
    String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (!hex.matches("(0x)?([0-9a-fA-F]{2})+")) {
      throw new IOException(file + " does not hold hex bytecode");
    }
    return Numeric.hexStringToByteArray(hex);
  }
}
