package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * Writes {@code devnet.env}: every address, the RPC and beacon URLs, the genesis fork version and
 * the devnet's role keys. The file is created with mode 600 before any byte is written, and
 * replaced atomically.
 */
public final class DevnetEnvFile {
  private DevnetEnvFile() {}

  /**
   * The non-secret entries, in file order, under the names seat-manager's configuration reads, so
   * the file can be loaded as it is ({@code set -a; . ./devnet.env}).
   */
  public static Map<String, String> entries(Devnet devnet) {
    DevnetAddresses a = devnet.addresses();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("SEAT_MANAGER_ENV", "development");
    m.put("SEAT_MANAGER_CHAIN_ID", Long.toString(devnet.chainId()));
    m.put("SEAT_MANAGER_EL_RPC_URLS", "devnet=" + devnet.rpcUrl());
    List<String> beacons = new ArrayList<>();
    for (int i = 0; i < devnet.beaconUrls().size(); i++) {
      beacons.add("beacon" + (i + 1) + "=" + devnet.beaconUrls().get(i));
    }
    m.put("SEAT_MANAGER_CL_API_URLS", String.join(",", beacons));
    m.put("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS", "1");
    m.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", a.depositContract());
    m.put("SEAT_MANAGER_OWNER_ADDRESS", a.deployer());
    m.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", a.vaultFactory());
    m.put("SEAT_MANAGER_ROUTER_ADDRESS", a.treasuryRouter());
    m.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", a.principalDestination());
    m.put("SEAT_MANAGER_GENESIS_FORK_VERSION", Numeric.toHexString(devnet.genesisForkVersion()));
    m.put("DEVNET_ALLOWLIST_ADMIN_ADDRESS", a.allowlistAdmin());
    m.put("DEVNET_EXIT_REQUEST_PREDEPLOY_ADDRESS", a.exitRequestPredeploy());
    m.put("DEVNET_TREASURY_SIGNER_ADDRESS", a.treasurySigner());
    // what api (which holds no key) checks against the router's active signer
    m.put("SEAT_MANAGER_SIGNER_ADDRESS", a.treasurySigner());
    m.put("DEVNET_DEPOSITOR_ADDRESS", a.depositor());
    return m;
  }

  public static void write(Path target, Devnet devnet) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# seat-manager local devnet, written ").append(Instant.now()).append('\n');
    sb.append("# Local chain only: nothing here is valid on Centurion.\n");
    entries(devnet).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    sb.append("\n# DEVNET TEST KEYS: anvil's published dev-mnemonic accounts. Public knowledge;\n");
    sb.append("# never fund them or use them on any real network.\n");
    sb.append("# The router's active signer: what seat-manager signs with on the devnet (local-key mode).\n");
    // Keys derived at run time from anvil's public dev mnemonic; none is written in this source.
    appendKey(sb, "SEAT_MANAGER_OWNER_PRIVATE_KEY", devnet.treasurySigner());
    appendKey(sb, "DEVNET_ALLOWLIST_ADMIN_PRIVATE_KEY", devnet.allowlistAdmin());
    appendKey(sb, "DEVNET_DEPOSITOR_PRIVATE_KEY", devnet.depositor());

    Path dir = java.util.Objects.requireNonNull(target.toAbsolutePath().getParent(), "the env file needs a directory");
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

  private static void appendKey(StringBuilder sb, String name, org.web3j.crypto.Credentials account) {
    sb.append(name).append('=').append(key(account)).append('\n');
  }

  private static String key(org.web3j.crypto.Credentials c) {
    return Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64);
  }
}
