package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * Writes {@code devnet.env}: every address, the RPC and beacon URLs, the genesis fork version and
 * the devnet's role keys. The file is created with mode 600 before any byte is written, and
 * replaced atomically.
 */
public final class DevnetEnvFile {
  private DevnetEnvFile() {}

  /** The non-secret entries, in file order. */
  public static Map<String, String> entries(Devnet devnet) {
    DevnetAddresses a = devnet.addresses();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CHAIN_ID", Long.toString(devnet.chainId()));
    m.put("SEAT_MANAGER_RPC_URL", devnet.rpcUrl());
    m.put("SEAT_MANAGER_BEACON_URLS", String.join(",", devnet.beaconUrls()));
    m.put("DEPOSIT_CONTRACT_ADDRESS", a.depositContract());
    m.put("DEPOSIT_CONTRACT_OWNER", a.deployer());
    m.put("ALLOWLIST_ADMIN_ADDRESS", a.allowlistAdmin());
    m.put("VAULT_FACTORY_ADDRESS", a.vaultFactory());
    m.put("TREASURY_ROUTER_ADDRESS", a.treasuryRouter());
    m.put("PRINCIPAL_DESTINATION_ADDRESS", a.principalDestination());
    m.put("EXIT_REQUEST_PREDEPLOY_ADDRESS", a.exitRequestPredeploy());
    m.put("TREASURY_SIGNER_ADDRESS", a.treasurySigner());
    m.put("DEPOSITOR_ADDRESS", a.depositor());
    m.put("GENESIS_FORK_VERSION", Numeric.toHexString(devnet.genesisForkVersion()));
    return m;
  }

  public static void write(Path target, Devnet devnet) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# seat-manager local devnet, written ").append(Instant.now()).append('\n');
    sb.append("# Local chain only: nothing here is valid on Centurion.\n");
    entries(devnet).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    sb.append("\n# DEVNET TEST KEYS: anvil's published dev-mnemonic accounts. Public knowledge;\n");
    sb.append("# never fund them or use them on any real network.\n");
    sb.append("DEVNET_TREASURY_SIGNER_PRIVATE_KEY=").append(key(devnet.treasurySigner())).append('\n');
    sb.append("DEVNET_ALLOWLIST_ADMIN_PRIVATE_KEY=").append(key(devnet.allowlistAdmin())).append('\n');
    sb.append("DEVNET_DEPOSITOR_PRIVATE_KEY=").append(key(devnet.depositor())).append('\n');

    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".devnet", ".env",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String key(org.web3j.crypto.Credentials c) {
    return Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64);
  }
}
