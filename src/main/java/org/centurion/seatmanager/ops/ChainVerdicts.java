package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The executor's final verdicts, each on the word of {@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS}
 * endpoints at one pinned block, never on the primary's alone: a receipt with its canonical block
 * and depth before an operation is CONFIRMED or REVERTED (and its feature moves a seat), a nonce
 * consumed by another transaction before DROPPED, a block that changed before a settled intent is
 * re-opened. The primary's word only ever makes the executor wait or look again; a refused
 * cross-check (recorded, ENDPOINT_DISAGREEING) leaves everything as it was until the next tick.
 */
final class ChainVerdicts {
  static final String READ_RECEIPT = "receipt, canonical block and depth";
  static final String READ_DROPPED = "nonce consumed by another transaction (DROPPED)";
  static final String READ_REORG = "canonical block hash (reorg)";

  private final EndpointCrossCheck reads;

  ChainVerdicts(EndpointCrossCheck reads) {
    this.reads = reads;
  }

  /**
   * What a receipt says that a verdict depends on, as one endpoint reports it, with that endpoint's
   * canonical hash at the receipt's height and whether the pinned block is deep enough.
   */
  record ReceiptFacts(String blockHash, BigInteger blockNumber, String status, String canonicalHash, boolean deepEnough,
      List<String> logs) {
    static ReceiptFacts of(TransactionReceipt r, String canonicalHash, boolean deepEnough) {
      List<String> logs = new ArrayList<>();
      for (Log l : r.getLogs() == null ? List.<Log>of() : r.getLogs()) {
        logs.add(lower(l.getAddress()) + "|" + String.join(",", l.getTopics().stream().map(ChainVerdicts::lower).toList())
            + "|" + lower(l.getData()) + "|" + l.getLogIndex());
      }
      // quantities by value: clients format hex quantities differently ("0x1", "0x01")
      String status = r.getStatus() == null ? null : org.web3j.utils.Numeric.decodeQuantity(r.getStatus()).toString();
      return new ReceiptFacts(lower(r.getBlockHash()), r.getBlockNumber(), status, lower(canonicalHash),
          deepEnough, List.copyOf(logs));
    }
  }

  /**
   * Before a verdict on {@code primaryReceipt}: every agreeing endpoint has the same receipt (block,
   * status, logs) in its canonical chain at least {@code confirmations} deep, and the primary's
   * receipt, which the feature's outcome reads, is that one.
   *
   * @throws ChainException when the endpoints disagree, too few answer, or the primary's receipt is not the agreed one
   */
  void requireAgreedReceipt(String txHash, TransactionReceipt primaryReceipt, int confirmations) {
    EndpointCrossCheck.Result<Optional<ReceiptFacts>> agreed = reads.agree(READ_RECEIPT, (c, pinned) -> receiptFacts(c, txHash,
        pinned, confirmations));
    if (agreed.value().isEmpty()) {
      throw new ChainException(ChainErrorCode.ENDPOINTS_DISAGREE, READ_RECEIPT + ": the agreeing endpoints "
          + agreed.agreeing() + " have no receipt for " + txHash + " at block " + agreed.blockNumber());
    }
    ReceiptFacts facts = agreed.value().get();
    if (!facts.deepEnough() || !facts.canonicalHash().equals(facts.blockHash())) {
      throw new ChainException(ChainErrorCode.ENDPOINTS_LAGGING, READ_RECEIPT + ": " + txHash + " in block "
          + facts.blockNumber() + " is not yet " + confirmations + " deep in the agreed canonical chain");
    }
    ReceiptFacts primary = ReceiptFacts.of(primaryReceipt, facts.canonicalHash(), true);
    if (!primary.equals(facts)) {
      throw new ChainException(ChainErrorCode.ENDPOINTS_DISAGREE, READ_RECEIPT + ": the primary endpoint's receipt of "
          + txHash + " is not the one " + agreed.agreeing() + " agree on");
    }
  }

  private static Optional<ReceiptFacts> receiptFacts(ExecutionClient c, String txHash, BigInteger pinned, int confirmations) {
    Optional<TransactionReceipt> r = c.receipt(txHash);
    if (r.isEmpty() || r.get().getBlockHash() == null || r.get().getBlockNumber().compareTo(pinned) > 0) {
      // not mined, or mined above the pinned block (a node a block ahead): not yet a verdict anywhere
      return Optional.empty();
    }
    BigInteger block = r.get().getBlockNumber();
    boolean deep = pinned.subtract(block).longValueExact() + 1 >= confirmations;
    return Optional.of(ReceiptFacts.of(r.get(), c.block(block).hash(), deep));
  }

  /**
   * Whether the endpoints agree that {@code nonce} of {@code sender} is consumed at the confirmation
   * depth while none of {@code ourHashes} has a receipt: the DROPPED verdict.
   */
  boolean consumedByAnother(String sender, long nonce, int confirmations, List<String> ourHashes) {
    EndpointCrossCheck.Result<List<Object>> agreed = reads.agree(READ_DROPPED, (c, pinned) -> {
      BigInteger atDepth = pinned.subtract(BigInteger.valueOf(confirmations - 1L)).max(BigInteger.ZERO);
      BigInteger count = c.transactionCount(sender, DefaultBlockParameter.valueOf(atDepth));
      List<Boolean> receipts = new ArrayList<>();
      for (String h : ourHashes) {
        receipts.add(c.receipt(h).isPresent());
      }
      return List.of(count, receipts);
    });
    BigInteger count = (BigInteger) agreed.value().get(0);
    boolean anyOfOurs = ((List<?>) agreed.value().get(1)).contains(Boolean.TRUE);
    return count.compareTo(BigInteger.valueOf(nonce)) > 0 && !anyOfOurs;
  }

  /** The canonical hash at {@code block}, as the endpoints agree on it (a reorg is judged on this, not the primary's word). */
  String canonicalHash(long block) {
    return reads.agree(READ_REORG, (c, pinned) -> pinned.compareTo(BigInteger.valueOf(block)) < 0 ? "above the pinned block"
        : lower(c.block(BigInteger.valueOf(block)).hash())).value();
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
