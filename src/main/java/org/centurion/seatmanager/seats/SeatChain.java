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
import java.util.List;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.DepositEventLog;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/**
 * What the seat lifecycle reads from the execution layer: vault bindings, allowlist intents, the
 * deposit contract's history, balances and fees. Read-only; the treasury's writes are operations.
 *
 * <p>No single endpoint decides anything here: every read goes through the {@link
 * EndpointCrossCheck}, which asks every configured endpoint the same question at one pinned block and
 * answers only when {@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS} of them agree (block hash and answer);
 * otherwise it refuses with a stable {@link ChainErrorCode} and the recorder raises
 * ENDPOINT_DISAGREEING. What one decision needs is read in one question, so it holds at one block.
 */
public final class SeatChain {
  /** eth_getLogs range per request; public nodes commonly cap ranges around 10k blocks. */
  static final long LOG_CHUNK = 5_000;
  /**
   * The most blocks the front-running check scans itself (past the deposit watcher's confirmed
   * cursor): bounded, so its cost does not grow with the chain's history.
   */
  public static final long MAX_TAIL_BLOCKS = 10 * LOG_CHUNK;

  /** Read names (the health report shows one line per name). */
  static final String READ_VAULT_BINDING = "vault binding";
  static final String READ_VAULT_REGISTRY = "vault registry";
  static final String READ_ALLOWLIST = "allowlist intent";
  static final String READ_DEPOSIT_LATCH = "deposit latch";
  static final String READ_DEPOSIT_TAIL = "unconfirmed DepositEvent tail";
  static final String READ_BALANCE = "treasury balance";
  static final String READ_VAULT_STATE = "vault state";

  private final EndpointCrossCheck reads;
  private final SeatChainSettings settings;
  private final long logChunk;
  private final long maxTailBlocks;

  public SeatChain(EndpointCrossCheck reads, SeatChainSettings settings) {
    this(reads, settings, LOG_CHUNK, MAX_TAIL_BLOCKS);
  }

  /**
   * @param logChunk blocks per eth_getLogs request
   * @param maxTailBlocks the bound of the front-running check's own scan (a test shrinks both to show
   *     the cost on a short devnet chain)
   */
  SeatChain(EndpointCrossCheck reads, SeatChainSettings settings, long logChunk, long maxTailBlocks) {
    this.reads = reads;
    this.settings = settings;
    this.logChunk = logChunk;
    this.maxTailBlocks = maxTailBlocks;
  }

  public SeatChainSettings settings() {
    return settings;
  }

  /** The cross-check every read goes through (for the front-running check's tail). */
  EndpointCrossCheck reads() {
    return reads;
  }

  /** One endpoint pinned at one block: every read of one question sees the same state. */
  private final class At {
    private final ExecutionClient el;
    private final DefaultBlockParameter block;

    At(ExecutionClient el, BigInteger block) {
      this.el = el;
      this.block = DefaultBlockParameter.valueOf(block);
    }

    byte[] result(String to, String data) {
      return Numeric.hexStringToByteArray(el.call(null, to, data, block));
    }

    String addressAt(String to, String data) {
      return SeatAbi.wordAsAddress(result(to, data), 0);
    }

    boolean bool(String to, String data) {
      return SeatAbi.word(result(to, data), 0).signum() != 0;
    }

    BigInteger uintAt(String to, String data) {
      return SeatAbi.word(result(to, data), 0);
    }

    String bytes32At(String to, String getter) {
      return Numeric.toHexString(SeatAbi.wordBytes(result(to, SeatAbi.encode(getter)), 0));
    }

    String code(String address) {
      String code = el.code(address, block);
      return code == null ? "0x" : code.toLowerCase(java.util.Locale.ROOT);
    }

    BigInteger balance(String address) {
      return el.balance(address, block);
    }
  }

  /** A question answered by one endpoint at the pinned block. */
  @FunctionalInterface
  private interface Question<T> {
    T ask(At at);
  }

  private <T> T agreed(String read, Question<T> question) {
    return reads.agree(read, (client, block) -> question.ask(new At(client, block))).value();
  }

  public String predictVault(byte[] pubkey, String beneficiary) {
    return agreed(READ_VAULT_REGISTRY, at -> predictVault(at, pubkey, beneficiary));
  }

  public String vaultByPubkey(byte[] pubkey) {
    return agreed(READ_VAULT_REGISTRY, at -> vaultByPubkey(at, pubkey));
  }

  private String predictVault(At at, byte[] pubkey, String beneficiary) {
    return at.addressAt(settings.vaultFactory(), SeatAbi.encode(SeatAbi.PREDICT_VAULT, bytes(pubkey), address(beneficiary)));
  }

  private String vaultByPubkey(At at, byte[] pubkey) {
    return at.addressAt(settings.vaultFactory(), SeatAbi.encode(SeatAbi.VAULT_BY_PUBKEY_HASH, bytes32(sha256(pubkey))));
  }

  /**
   * Everything the vault binding is judged on, as one endpoint reports it at one block (hex strings,
   * so that answers compare by value). The getters are read only when the vault has code.
   */
  private record VaultReading(String registered, boolean known, String code, String pubkeyHash, String credentials,
      String beneficiary, String treasury, String principalDestination, String factory, BigInteger principalTarget,
      String predicted) {}

  private VaultReading readVault(At at, byte[] pubkey, String beneficiary, String v) {
    String registered = vaultByPubkey(at, pubkey);
    boolean known = at.bool(settings.vaultFactory(), SeatAbi.encode(SeatAbi.IS_VAULT, address(v)));
    String code = at.code(v);
    if (Numeric.hexStringToByteArray(code).length == 0) {
      return new VaultReading(registered, known, code, null, null, null, null, null, null, null, null);
    }
    return new VaultReading(registered, known, code, at.bytes32At(v, SeatAbi.VALIDATOR_PUBKEY_HASH),
        at.bytes32At(v, SeatAbi.EXECUTION_WITHDRAWAL_CREDENTIALS), at.addressAt(v, SeatAbi.encode(SeatAbi.BENEFICIARY)),
        at.addressAt(v, SeatAbi.encode(SeatAbi.VAULT_TREASURY)), at.addressAt(v, SeatAbi.encode(SeatAbi.VAULT_PRINCIPAL_DESTINATION)),
        at.addressAt(v, SeatAbi.encode(SeatAbi.VAULT_FACTORY)), at.uintAt(v, SeatAbi.encode(SeatAbi.VAULT_PRINCIPAL_TARGET)),
        predictVault(at, pubkey, beneficiary));
  }

  /**
   * Every property a seat's vault must have before anything is funded against it; empty when all
   * hold. Each entry names the property and what was found. Read in one cross-checked question:
   * every endpoint must report the same registry entry, code and getters at the same block.
   */
  public List<String> vaultProblems(byte[] pubkey, String beneficiary, String vault) {
    String v = vault.toLowerCase(java.util.Locale.ROOT);
    VaultReading r = agreed(READ_VAULT_BINDING, at -> readVault(at, pubkey, beneficiary, v));
    List<String> problems = new ArrayList<>();
    if (!r.registered().equals(v)) {
      problems.add("registry: the factory maps the pubkey hash to " + r.registered());
    }
    if (!r.known()) {
      problems.add("registry: the factory does not know the vault");
    }
    if (r.pubkeyHash() == null) {
      problems.add("code: no code at the vault address");
      return problems;
    }
    if (!r.pubkeyHash().equals(Numeric.toHexString(sha256(pubkey)))) {
      problems.add("pubkey hash: the vault reports another validator");
    }
    if (!r.credentials().equals(Numeric.toHexString(withdrawalCredentials(v)))) {
      problems.add("credentials: the vault reports other withdrawal credentials");
    }
    expectAddress(problems, "beneficiary", r.beneficiary(), beneficiary);
    expectAddress(problems, "treasury", r.treasury(), settings.router());
    expectAddress(problems, "principal destination", r.principalDestination(), settings.principalDestination());
    expectAddress(problems, "factory", r.factory(), settings.vaultFactory());
    if (!r.principalTarget().equals(SeatAbi.SEAT_DEPOSIT_WEI)) {
      problems.add("principal target: " + r.principalTarget() + " wei, expected " + SeatAbi.SEAT_DEPOSIT_WEI);
    }
    // The CREATE2 address commits to the vault's init code and constructor arguments.
    if (!r.predicted().equals(v)) {
      problems.add("code: the vault is not at the address of the factory's vault code for this pubkey and beneficiary");
    }
    if (settings.vaultCodeHash().isPresent()) {
      String hash = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(r.code())));
      if (!hash.equals(settings.vaultCodeHash().get())) {
        problems.add("code hash: " + hash + ", expected " + settings.vaultCodeHash().get());
      }
    }
    return problems;
  }

  private static void expectAddress(List<String> problems, String what, String found, String expected) {
    if (!found.equalsIgnoreCase(expected)) {
      problems.add(what + ": " + found + ", expected " + expected.toLowerCase(java.util.Locale.ROOT));
    }
  }

  public String allowlistAdmin() {
    return agreed(READ_ALLOWLIST, at -> at.addressAt(settings.depositContract(), SeatAbi.encode(SeatAbi.ALLOWLIST_ADMIN)));
  }

  public BigInteger allowlistEpoch() {
    return agreed(READ_ALLOWLIST, this::allowlistEpoch);
  }

  private BigInteger allowlistEpoch(At at) {
    return at.uintAt(settings.depositContract(), SeatAbi.encode(SeatAbi.ALLOWLIST_EPOCH));
  }

  /** The intent for (pubkey, wc, 32 CTN, the router) is active in the contract's current epoch. */
  public boolean intentActive(byte[] pubkey, byte[] wc) {
    return agreed(READ_ALLOWLIST, at -> intentActive(at, pubkey, wc));
  }

  private boolean intentActive(At at, byte[] pubkey, byte[] wc) {
    return at.bool(settings.depositContract(), SeatAbi.encode(SeatAbi.IS_ALLOWED_DEPOSIT_INTENT_FOR, bytes(pubkey),
        bytes(wc), uint64(SeatAbi.SEAT_DEPOSIT_GWEI), address(settings.router())));
  }

  public boolean intentConsumed(byte[] pubkey, byte[] wc, BigInteger epoch) {
    return agreed(READ_ALLOWLIST, at -> intentConsumed(at, pubkey, wc, epoch));
  }

  private boolean intentConsumed(At at, byte[] pubkey, byte[] wc, BigInteger epoch) {
    byte[] intent = SeatAbi.wordBytes(at.result(settings.depositContract(), SeatAbi.encode(SeatAbi.DEPOSIT_INTENT_HASH,
        bytes(pubkey), bytes(wc), uint64(SeatAbi.SEAT_DEPOSIT_GWEI), address(settings.router()), uint256(epoch))), 0);
    return at.bool(settings.depositContract(), SeatAbi.encode(SeatAbi.CONSUMED_INTENTS, bytes32(intent)));
  }

  /** The allowlist as a deposit needs it, read at one block: the epoch, and the intent's state in it. */
  public record AllowlistState(BigInteger epoch, boolean intentActive, boolean intentConsumed) {}

  public AllowlistState allowlistState(byte[] pubkey, byte[] wc) {
    return agreed(READ_ALLOWLIST, at -> {
      BigInteger epoch = allowlistEpoch(at);
      return new AllowlistState(epoch, intentActive(at, pubkey, wc), intentConsumed(at, pubkey, wc, epoch));
    });
  }

  /** The contract's own latch: a deposit for this pubkey already happened. */
  public boolean depositLatched(byte[] pubkey) {
    return agreed(READ_DEPOSIT_LATCH,
        at -> at.bool(settings.depositContract(), SeatAbi.encode(SeatAbi.PHASE1_VALIDATOR_ACTIVATED, bytes32(sha256(pubkey)))));
  }

  /** Where the deposit contract's history starts (its deployment block). */
  long depositLogsFromBlock() {
    return settings.depositLogsFromBlock();
  }

  /**
   * Transaction hashes of the DepositEvents for this pubkey from block {@code from} up to the pinned
   * head, as every agreeing endpoint reports them: a DepositEvent one endpoint hides is a
   * disagreement, never an empty answer. At most {@link #MAX_TAIL_BLOCKS} blocks: more is refused
   * (DEPOSIT_INDEX_BEHIND) rather than paid for on every request.
   */
  public List<String> depositEventsSince(byte[] pubkey, long from) {
    String wanted = Numeric.toHexString(pubkey);
    EndpointCrossCheck.Result<List<String>> r = reads.agree(READ_DEPOSIT_TAIL, (client, pinned) -> {
      long head = pinned.longValueExact();
      if (head - from + 1 > maxTailBlocks) {
        // every honest endpoint answers the same; refused below, not blamed on an endpoint
        return List.of(TAIL_TOO_LONG);
      }
      List<String> found = new ArrayList<>();
      for (long start = from; start <= head; start += logChunk) {
        long to = Math.min(head, start + logChunk - 1);
        for (DepositEventLog e : DepositEventLog.fetch(client, settings.depositContract(), start, to)) {
          if (e.pubkey().equals(wanted)) {
            found.add(e.txHash());
          }
        }
      }
      return found;
    });
    if (r.value().contains(TAIL_TOO_LONG)) {
      throw new ChainException(ChainErrorCode.DEPOSIT_INDEX_BEHIND, "the deposit watcher's confirmed cursor is "
          + (r.blockNumber().longValueExact() - from + 1) + " blocks behind the head; the front-running check scans at most "
          + maxTailBlocks + " itself: nothing is funded until the watcher catches up");
    }
    return r.value();
  }

  private static final String TAIL_TOO_LONG = "tail-too-long";

  public BigInteger balance(String address) {
    return agreed(READ_BALANCE, at -> at.balance(address));
  }

  public BigInteger rewardsClaimedWei(String vault) {
    return agreed(READ_VAULT_STATE, at -> at.uintAt(vault, SeatAbi.encode(SeatAbi.REWARDS_CLAIMED_WEI)));
  }

  public BigInteger exitRequestFeeWei(String vault) {
    return agreed(READ_VAULT_STATE, at -> at.uintAt(vault, SeatAbi.encode(SeatAbi.CURRENT_EXIT_REQUEST_FEE_WEI)));
  }

  public BigInteger vaultPhase(String vault) {
    return agreed(READ_VAULT_STATE, at -> at.uintAt(vault, SeatAbi.encode(SeatAbi.PHASE)));
  }

  public BigInteger settlementReadyAt(String vault) {
    return agreed(READ_VAULT_STATE, at -> at.uintAt(vault, SeatAbi.encode(SeatAbi.SETTLEMENT_READY_AT)));
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
}
