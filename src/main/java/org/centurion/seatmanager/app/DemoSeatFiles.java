package org.centurion.seatmanager.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.centurion.seatmanager.deposit.DepositDataEntry;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetOps;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.web3j.utils.Numeric;

/**
 * What a validator operator would bring to the demo: a fresh BLS key's deposit-cli file, signed for
 * the vault the factory will deploy for (pubkey, beneficiary), and the seat's request fields.
 */
public final class DemoSeatFiles {
  private DemoSeatFiles() {}

  public static Path write(Path dir, Devnet devnet) throws IOException {
    Files.createDirectories(dir);
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress().toLowerCase();
    String vault = AbiCall.addressResult(devnet.transactor().call(devnet.addresses().vaultFactory(),
        AbiCall.encode(Sig.PREDICT_VAULT, AbiCall.bytes(key.pubkey()), AbiCall.address(beneficiary))));
    byte[] fork = devnet.genesisForkVersion();
    DevnetValidatorKey.DepositData d = key.depositData(DevnetOps.withdrawalCredentials(vault), DevnetValidatorKey.PHASE1_AMOUNT_GWEI,
        fork);
    DepositDataEntry e = new DepositDataEntry(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), d.signature(),
        DepositSsz.depositMessageRoot(d.pubkey(), d.withdrawalCredentials(), d.amountGwei()), d.depositDataRoot(), fork,
        "centurion", "2.7.0");
    Files.writeString(dir.resolve("deposit-data.json"), "[" + e.toDepositCliJson() + "]", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("seat.env"), "PUBKEY=" + Numeric.toHexString(key.pubkey()) + "\nBENEFICIARY=" + beneficiary
        + "\nOPERATOR=demo-operator\nVAULT=" + vault.toLowerCase() + "\n", StandardCharsets.UTF_8);
    return dir;
  }
}
