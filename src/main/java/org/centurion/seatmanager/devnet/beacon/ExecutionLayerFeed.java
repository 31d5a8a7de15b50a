package org.centurion.seatmanager.devnet.beacon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * What a consensus client learns from the execution layer: deposit requests (EIP-6110, the
 * DepositEvent logs of the deposit contract) and withdrawal requests (EIP-7002). anvil never runs
 * the 7002 system call, so requests are read from the predeploy's 76-byte log0 records.
 */
public final class ExecutionLayerFeed {
  public static final String DEPOSIT_EVENT_TOPIC =
      "0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5";

  private final Web3j web3j;
  private final String depositContract;
  private final String exitRequestPredeploy;
  private long nextBlock;

  public ExecutionLayerFeed(Web3j web3j, String depositContract, String exitRequestPredeploy) {
    this.web3j = web3j;
    this.depositContract = depositContract;
    this.exitRequestPredeploy = exitRequestPredeploy;
  }

  public record DepositRequest(byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, byte[] signature, long index) {}

  public record WithdrawalRequest(String sourceAddress, byte[] pubkey, long amountGwei) {}

  public record Batch(List<DepositRequest> deposits, List<WithdrawalRequest> withdrawals) {}

  /** Everything new since the last poll, each list in chain order. */
  public synchronized Batch poll() {
    try {
      long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      if (head < nextBlock) {
        return new Batch(List.of(), List.of());
      }
      List<DepositRequest> deposits = new ArrayList<>();
      for (Log log : logs(depositContract, head)) {
        if (!log.getTopics().isEmpty() && DEPOSIT_EVENT_TOPIC.equalsIgnoreCase(log.getTopics().get(0))) {
          decodeDeposit(Numeric.hexStringToByteArray(log.getData())).ifPresent(deposits::add);
        }
      }
      List<WithdrawalRequest> withdrawals = new ArrayList<>();
      for (Log log : logs(exitRequestPredeploy, head)) {
        byte[] data = Numeric.hexStringToByteArray(log.getData());
        if (log.getTopics().isEmpty() && data.length == 76) {
          withdrawals.add(new WithdrawalRequest(
              Numeric.toHexString(Arrays.copyOfRange(data, 0, 20)),
              Arrays.copyOfRange(data, 20, 68),
              ByteBuffer.wrap(data, 68, 8).getLong()));
        }
      }
      nextBlock = head + 1;
      return new Batch(deposits, withdrawals);
    } catch (IOException e) {
      throw new UncheckedIOException("execution-layer RPC failed", e);
    }
  }

  private List<Log> logs(String address, long head) throws IOException {
    EthFilter filter = new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(nextBlock)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(head)), address);
    EthLog result = web3j.ethGetLogs(filter).send();
    if (result.hasError()) {
      throw new IOException("eth_getLogs failed: " + result.getError().getMessage());
    }
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> r : result.getLogs()) {
      logs.add((Log) r.get());
    }
    return logs;
  }

  /** A log that is not the canonical 576-byte shape would invalidate the block: it is skipped. */
  static java.util.Optional<DepositRequest> decodeDeposit(byte[] data) {
    if (data.length != 576) {
      return java.util.Optional.empty();
    }
    try {
      return decodeCanonical(data);
    } catch (ArithmeticException | IndexOutOfBoundsException | IllegalArgumentException malformed) {
      return java.util.Optional.empty();   // offsets or lengths pointing outside the data
    }
  }

  private static java.util.Optional<DepositRequest> decodeCanonical(byte[] data) {
    byte[] pubkey = field(data, 0);
    byte[] wc = field(data, 1);
    byte[] amount = field(data, 2);
    byte[] signature = field(data, 3);
    byte[] index = field(data, 4);
    if (pubkey.length != 48 || wc.length != 32 || amount.length != 8 || signature.length != 96 || index.length != 8) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new DepositRequest(pubkey, wc, littleEndian(amount), signature, littleEndian(index)));
  }

  private static byte[] field(byte[] data, int i) {
    int offset = new BigInteger(1, Arrays.copyOfRange(data, 32 * i, 32 * i + 32)).intValueExact();
    if (offset < 0 || offset + 32 > data.length) {
      throw new IndexOutOfBoundsException("offset outside the log data");
    }
    int length = new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32)).intValueExact();
    if (length < 0 || offset + 32 + length > data.length) {
      throw new IndexOutOfBoundsException("length outside the log data");
    }
    return Arrays.copyOfRange(data, offset + 32, offset + 32 + length);
  }

  private static long littleEndian(byte[] le) {
    long v = 0;
    for (int i = le.length - 1; i >= 0; i--) {
      v = (v << 8) | (le[i] & 0xff);
    }
    return v;
  }
}
