package org.centurion.seatmanager.devnet;

import static org.centurion.seatmanager.devnet.AbiCall.address;
import static org.centurion.seatmanager.devnet.AbiCall.bytes;
import static org.centurion.seatmanager.devnet.AbiCall.bytes32;
import static org.centurion.seatmanager.devnet.AbiCall.uint256;
import static org.centurion.seatmanager.devnet.AbiCall.uint64;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.centurion.seatmanager.devnet.DevnetValidatorKey.DepositData;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Typed operations on the deployed reference contracts, as the roles perform them: the treasury
 * signer through the router, the allowlist admin and the depositor directly. For tests, the demo
 * and the devnet itself; production code talks to the chain through its own ABI layer.
 */
public final class DevnetOps {
  public static final BigInteger DEPOSIT_WEI = new BigInteger("32000000000000000000");

  private final DevnetTransactor tx;
  private final DevnetAddresses addresses;
  private final Credentials allowlistAdmin;
  private final Credentials treasurySigner;

  public DevnetOps(
      DevnetTransactor tx, DevnetAddresses addresses, Credentials allowlistAdmin, Credentials treasurySigner) {
    this.tx = tx;
    this.addresses = addresses;
    this.allowlistAdmin = allowlistAdmin;
    this.treasurySigner = treasurySigner;
  }

  public DevnetTransactor transactor() {
    return tx;
  }

  public DevnetAddresses addresses() {
    return addresses;
  }

  // ----------------------------------------------------------------- treasury

  /** The treasury signer asks the router to call target with value (from the router's funds). */
  public TransactionReceipt viaRouter(String target, BigInteger valueWei, String calldata) {
    return tx.send(treasurySigner, addresses.treasuryRouter(),
        BigInteger.ZERO, AbiCall.encode(Sig.EXECUTE, address(target), uint256(valueWei),
            bytes(Numeric.hexStringToByteArray(calldata))));
  }

  /** Deploys the vault for pubkey through the router and returns its address. */
  public String deployVault(byte[] pubkey, String beneficiary) {
    viaRouter(addresses.vaultFactory(), BigInteger.ZERO,
        AbiCall.encode(Sig.DEPLOY_VAULT, bytes(pubkey), address(beneficiary)));
    return vaultFor(pubkey);
  }

  public String vaultFor(byte[] pubkey) {
    return AbiCall.addressResult(tx.call(addresses.vaultFactory(),
        AbiCall.encode(Sig.VAULT_BY_PUBKEY_HASH, bytes32(sha256(pubkey)))));
  }

  public TransactionReceipt triggerValidatorExit(String vault, BigInteger feeWei) {
    return viaRouter(vault, feeWei, AbiCall.encode(Sig.TRIGGER_VALIDATOR_EXIT));
  }

  public BigInteger exitRequestFee(String vault) {
    return AbiCall.word(tx.call(vault, AbiCall.encode(Sig.CURRENT_EXIT_REQUEST_FEE_WEI)), 0);
  }

  // ---------------------------------------------------------------- allowlist

  public TransactionReceipt allow(DepositData d, String depositor) {
    return tx.send(allowlistAdmin, addresses.depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT_FOR, bytes(d.pubkey()), bytes(d.withdrawalCredentials()),
            uint64(d.amountGwei()), address(depositor)));
  }

  public TransactionReceipt removeAllowed(DepositData d, String depositor) {
    return tx.send(allowlistAdmin, addresses.depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.REMOVE_ALLOWED_DEPOSIT_FOR, bytes(d.pubkey()), bytes(d.withdrawalCredentials()),
            uint64(d.amountGwei()), address(depositor)));
  }

  public boolean isAllowed(DepositData d, String depositor) {
    return AbiCall.bool(tx.call(addresses.depositContract(),
        AbiCall.encode(Sig.IS_ALLOWED_DEPOSIT_INTENT_FOR, bytes(d.pubkey()), bytes(d.withdrawalCredentials()),
            uint64(d.amountGwei()), address(depositor))));
  }

  // ------------------------------------------------------------------ deposit

  public TransactionReceipt deposit(Credentials depositor, DepositData d) {
    return deposit(depositor, d, DEPOSIT_WEI);
  }

  public TransactionReceipt deposit(Credentials depositor, DepositData d, BigInteger valueWei) {
    return tx.send(depositor, addresses.depositContract(), valueWei,
        AbiCall.encode(Sig.DEPOSIT, bytes(d.pubkey()), bytes(d.withdrawalCredentials()),
            bytes(d.signature()), bytes32(d.depositDataRoot())));
  }

  public long depositCount() {
    byte[] le = AbiCall.dynamicBytesResult(
        Numeric.hexStringToByteArray(tx.call(addresses.depositContract(), AbiCall.encode(Sig.GET_DEPOSIT_COUNT))), 0);
    long v = 0;
    for (int i = le.length - 1; i >= 0; i--) {
      v = (v << 8) | (le[i] & 0xff);
    }
    return v;
  }

  public byte[] depositRoot() {
    return AbiCall.bytes32Result(tx.call(addresses.depositContract(), AbiCall.encode(Sig.GET_DEPOSIT_ROOT)));
  }

  // -------------------------------------------------------------------- vault

  public BigInteger vaultUint(String vault, String signature) {
    return AbiCall.word(tx.call(vault, AbiCall.encode(signature)), 0);
  }

  /** 0x01 ‖ 11 zero bytes ‖ address. */
  public static byte[] withdrawalCredentials(String vault) {
    byte[] wc = new byte[32];
    wc[0] = 0x01;
    System.arraycopy(Numeric.hexStringToByteArray(vault), 0, wc, 12, 20);
    return wc;
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
