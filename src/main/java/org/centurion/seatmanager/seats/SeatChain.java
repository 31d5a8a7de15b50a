package org.centurion.seatmanager.seats;

import static org.centurion.seatmanager.seats.SeatAbi.address;
import static org.centurion.seatmanager.seats.SeatAbi.bytes;
import static org.centurion.seatmanager.seats.SeatAbi.bytes32;
import static org.centurion.seatmanager.seats.SeatAbi.uint256;
import static org.centurion.seatmanager.seats.SeatAbi.uint64;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.centurion.seatmanager.chain.DepositEventLog;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * What the seat lifecycle reads from the execution layer: vault bindings, allowlist intents, the
 * deposit contract's history, balances and fees. Read-only; the treasury's writes are operations.
 */
public final class SeatChain {
  /** eth_getLogs range per request; public nodes commonly cap ranges around 10k blocks. */
  static final long LOG_CHUNK = 5_000;

  private final ExecutionClient el;
  private final SeatChainSettings settings;

  public SeatChain(ExecutionClient el, SeatChainSettings settings) {
    this.el = el;
    this.settings = settings;
  }

  public SeatChainSettings settings() {
    return settings;
  }

  public String predictVault(byte[] pubkey, String beneficiary) {
    return addressAt(settings.vaultFactory(), SeatAbi.encode(SeatAbi.PREDICT_VAULT, bytes(pubkey), address(beneficiary)));
  }

  public String vaultByPubkey(byte[] pubkey) {
    return addressAt(settings.vaultFactory(), SeatAbi.encode(SeatAbi.VAULT_BY_PUBKEY_HASH, bytes32(sha256(pubkey))));
  }

  /**
   * Every property a seat's vault must have before anything is funded against it; empty when all
   * hold. Each entry names the property and what was found.
   */
  public List<String> vaultProblems(byte[] pubkey, String beneficiary, String vault) {
    List<String> problems = new ArrayList<>();
    String v = vault.toLowerCase();
    byte[] pubkeyHash = sha256(pubkey);
    String registered = vaultByPubkey(pubkey);
    if (!registered.equals(v)) {
      problems.add("registry: the factory maps the pubkey hash to " + registered);
    }
    if (!bool(settings.vaultFactory(), SeatAbi.encode(SeatAbi.IS_VAULT, address(v)))) {
      problems.add("registry: the factory does not know the vault");
    }
    String code = el.code(v, DefaultBlockParameterName.LATEST);
    if (code == null || Numeric.hexStringToByteArray(code).length == 0) {
      problems.add("code: no code at the vault address");
      return problems;
    }
    if (!Arrays.equals(bytes32At(v, SeatAbi.VALIDATOR_PUBKEY_HASH), pubkeyHash)) {
      problems.add("pubkey hash: the vault reports another validator");
    }
    byte[] wc = withdrawalCredentials(v);
    if (!Arrays.equals(bytes32At(v, SeatAbi.EXECUTION_WITHDRAWAL_CREDENTIALS), wc)) {
      problems.add("credentials: the vault reports other withdrawal credentials");
    }
    expectAddress(problems, "beneficiary", v, SeatAbi.BENEFICIARY, beneficiary);
    expectAddress(problems, "treasury", v, SeatAbi.VAULT_TREASURY, settings.router());
    expectAddress(problems, "principal destination", v, SeatAbi.VAULT_PRINCIPAL_DESTINATION,
        settings.principalDestination());
    expectAddress(problems, "factory", v, SeatAbi.VAULT_FACTORY, settings.vaultFactory());
    BigInteger target = uintAt(v, SeatAbi.encode(SeatAbi.VAULT_PRINCIPAL_TARGET));
    if (!target.equals(SeatAbi.SEAT_DEPOSIT_WEI)) {
      problems.add("principal target: " + target + " wei, expected " + SeatAbi.SEAT_DEPOSIT_WEI);
    }
    // The CREATE2 address commits to the vault's init code and constructor arguments.
    String predicted = predictVault(pubkey, beneficiary);
    if (!predicted.equals(v)) {
      problems.add("code: the vault is not at the address of the factory's vault code for this pubkey and beneficiary");
    }
    if (settings.vaultCodeHash().isPresent()) {
      String hash = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(code)));
      if (!hash.equals(settings.vaultCodeHash().get())) {
        problems.add("code hash: " + hash + ", expected " + settings.vaultCodeHash().get());
      }
    }
    return problems;
  }

  private void expectAddress(List<String> problems, String what, String vault, String getter, String expected) {
    String found = addressAt(vault, SeatAbi.encode(getter));
    if (!found.equalsIgnoreCase(expected)) {
      problems.add(what + ": " + found + ", expected " + expected.toLowerCase());
    }
  }

  public String allowlistAdmin() {
    return addressAt(settings.depositContract(), SeatAbi.encode(SeatAbi.ALLOWLIST_ADMIN));
  }

  public BigInteger allowlistEpoch() {
    return uintAt(settings.depositContract(), SeatAbi.encode(SeatAbi.ALLOWLIST_EPOCH));
  }

  /** The intent for (pubkey, wc, 32 CTN, the router) is active in the contract's current epoch. */
  public boolean intentActive(byte[] pubkey, byte[] wc) {
    return bool(settings.depositContract(), SeatAbi.encode(SeatAbi.IS_ALLOWED_DEPOSIT_INTENT_FOR, bytes(pubkey),
        bytes(wc), uint64(SeatAbi.SEAT_DEPOSIT_GWEI), address(settings.router())));
  }

  public boolean intentConsumed(byte[] pubkey, byte[] wc, BigInteger epoch) {
    byte[] intent = SeatAbi.wordBytes(result(settings.depositContract(), SeatAbi.encode(SeatAbi.DEPOSIT_INTENT_HASH,
        bytes(pubkey), bytes(wc), uint64(SeatAbi.SEAT_DEPOSIT_GWEI), address(settings.router()), uint256(epoch))), 0);
    return bool(settings.depositContract(), SeatAbi.encode(SeatAbi.CONSUMED_INTENTS, bytes32(intent)));
  }

  /** The contract's own latch: a deposit for this pubkey already happened. */
  public boolean depositLatched(byte[] pubkey) {
    return bool(settings.depositContract(), SeatAbi.encode(SeatAbi.PHASE1_VALIDATOR_ACTIVATED, bytes32(sha256(pubkey))));
  }

  /** Transaction hashes of every DepositEvent for this pubkey in the deposit contract's history. */
  public List<String> depositEventsFor(byte[] pubkey) {
    String wanted = Numeric.toHexString(pubkey);
    long head = el.blockNumber().longValueExact();
    List<String> found = new ArrayList<>();
    for (long from = settings.depositLogsFromBlock(); from <= head; from += LOG_CHUNK) {
      long to = Math.min(head, from + LOG_CHUNK - 1);
      for (DepositEventLog e : DepositEventLog.fetch(el, settings.depositContract(), from, to)) {
        if (e.pubkey().equals(wanted)) {
          found.add(e.txHash());
        }
      }
    }
    return found;
  }

  public BigInteger balance(String address) {
    return el.balance(address, DefaultBlockParameterName.LATEST);
  }

  public BigInteger rewardsClaimedWei(String vault) {
    return uintAt(vault, SeatAbi.encode(SeatAbi.REWARDS_CLAIMED_WEI));
  }

  public BigInteger exitRequestFeeWei(String vault) {
    return uintAt(vault, SeatAbi.encode(SeatAbi.CURRENT_EXIT_REQUEST_FEE_WEI));
  }

  public BigInteger vaultPhase(String vault) {
    return uintAt(vault, SeatAbi.encode(SeatAbi.PHASE));
  }

  public BigInteger settlementReadyAt(String vault) {
    return uintAt(vault, SeatAbi.encode(SeatAbi.SETTLEMENT_READY_AT));
  }

  /** 0x01 ‖ 11 zero bytes ‖ vault. */
  public static byte[] withdrawalCredentials(String vault) {
    byte[] wc = new byte[32];
    wc[0] = 0x01;
    System.arraycopy(Numeric.hexStringToByteArray(vault), 0, wc, 12, 20);
    return wc;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] result(String to, String data) {
    return Numeric.hexStringToByteArray(el.call(null, to, data, DefaultBlockParameterName.LATEST));
  }

  private String addressAt(String to, String data) {
    return SeatAbi.wordAsAddress(result(to, data), 0);
  }

  private boolean bool(String to, String data) {
    return SeatAbi.word(result(to, data), 0).signum() != 0;
  }

  private BigInteger uintAt(String to, String data) {
    return SeatAbi.word(result(to, data), 0);
  }

  private byte[] bytes32At(String to, String getter) {
    return SeatAbi.wordBytes(result(to, SeatAbi.encode(getter)), 0);
  }
}
