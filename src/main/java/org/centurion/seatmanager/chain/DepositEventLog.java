package org.centurion.seatmanager.chain;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * One {@code DepositEvent(bytes pubkey, bytes withdrawal_credentials, bytes amount, bytes signature,
 * bytes index)} log, decoded strictly: five ABI-encoded dynamic byte strings of the exact sizes the
 * deposit contract emits. Amount and index are little-endian, as in the beacon deposit contract.
 * The one decoder of the event: the deposit watcher, the front-running check and the deposit
 * operation's outcome all read it through here.
 */
public record DepositEventLog(long blockNumber, String blockHash, String txHash, long logIndex, String pubkey,
    String withdrawalCredentials, long amountGwei, long depositIndex) {
  public static final String SIGNATURE = org.centurion.seatmanager.abi.TreasuryAbi.EVENT_DEPOSIT;
  public static final String TOPIC = org.centurion.seatmanager.abi.Abi.topic(SIGNATURE);
  private static final int[] SIZES = {48, 32, 8, 96, 8};

  /**
   * Every DepositEvent of {@code depositContract} in blocks {@code from..to}, in chain order.
   *
   * @throws ChainException when the endpoint fails or returns an event that does not decode (the
   *     deposit contract cannot emit one: a human must look)
   */
  public static List<DepositEventLog> fetch(ExecutionClient el, String depositContract, long from, long to) {
    List<DepositEventLog> out = new ArrayList<>();
    for (Log log : el.logs(depositContract, TOPIC, from, to)) {
      if (!depositContract.equalsIgnoreCase(log.getAddress())) {
        continue;
      }
      out.add(fromLog(el.label(), log));
    }
    return out;
  }

  /** Decodes a log already known to be a DepositEvent of the deposit contract (from eth_getLogs or a receipt). */
  public static DepositEventLog fromLog(String source, Log log) {
    try {
      return decode(log.getBlockNumber().longValueExact(), log.getBlockHash(), log.getTransactionHash(),
          log.getLogIndex().longValueExact(), Numeric.hexStringToByteArray(log.getData()));
    } catch (IllegalArgumentException malformed) {
      throw new ChainException(ChainErrorCode.RPC_ERROR, source + ": malformed DepositEvent in " + log.getTransactionHash()
          + ": " + malformed.getMessage());
    }
  }
  private static final HexFormat HEX = HexFormat.of();

  /** @throws IllegalArgumentException when the data is not a well-formed DepositEvent */
  public static DepositEventLog decode(long blockNumber, String blockHash, String txHash, long logIndex, byte[] data) {
    byte[][] fields = new byte[5][];
    if (data.length < 5 * 32) {
      throw new IllegalArgumentException("DepositEvent data too short");
    }
    for (int i = 0; i < 5; i++) {
      long offset = word(data, i * 32);
      if (offset % 32 != 0 || offset + 32 > data.length) {
        throw new IllegalArgumentException("DepositEvent field " + i + " offset out of range");
      }
      long length = word(data, (int) offset);
      if (length != SIZES[i] || offset + 32 + length > data.length) {
        throw new IllegalArgumentException("DepositEvent field " + i + " has length " + length + ", expected " + SIZES[i]);
      }
      fields[i] = java.util.Arrays.copyOfRange(data, (int) offset + 32, (int) (offset + 32 + length));
    }
    return new DepositEventLog(blockNumber, blockHash.toLowerCase(java.util.Locale.ROOT),
        txHash.toLowerCase(java.util.Locale.ROOT), logIndex, "0x" + HEX.formatHex(fields[0]),
        "0x" + HEX.formatHex(fields[1]), littleEndian(fields[2]), littleEndian(fields[4]));
  }

  private static long word(byte[] data, int at) {
    for (int i = at; i < at + 24; i++) {
      if (data[i] != 0) {
        return Long.MAX_VALUE / 2;
      }
    }
    long v = 0;
    for (int i = at + 24; i < at + 32; i++) {
      v = (v << 8) | (data[i] & 0xff);
    }
    return v < 0 ? Long.MAX_VALUE / 2 : v;
  }

  private static long littleEndian(byte[] b) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
