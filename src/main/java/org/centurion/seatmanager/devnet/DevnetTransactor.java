package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.centurion.seatmanager.chain.ContractRevertedException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends signed EIP-1559 transactions and calls to the devnet chain, turning reverts into
 * {@link ContractRevertedException}s named after the reference contracts' errors.
 *
 * <p>A transaction is estimated first: a revert surfaces there with its data, before any nonce or
 * fee is spent. One transactor is meant for one thread of control (nonces come from the chain).
 */
public final class DevnetTransactor {
  private static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);
  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private final Web3j web3j;
  private final long chainId;
  private final ReferenceContracts contracts;

  public DevnetTransactor(Web3j web3j, long chainId, ReferenceContracts contracts) {
    this.web3j = web3j;
    this.chainId = chainId;
    this.contracts = contracts;
  }

  public Web3j web3j() {
    return web3j;
  }

  /** Deploys creation code (with constructor args appended) and returns the new address. */
  public String deploy(Credentials from, String creationCode) {
    TransactionReceipt receipt = send(from, null, BigInteger.ZERO, creationCode);
    return receipt.getContractAddress();
  }

  public TransactionReceipt send(Credentials from, String to, BigInteger valueWei, String data) {
    try {
      String sender = from.getAddress();
      EthEstimateGas estimate = web3j.ethEstimateGas(
          new Transaction(sender, null, null, null, to, valueWei, data)).send();
      if (estimate.hasError()) {
        throw revertOrFailure(estimate.getError(), "eth_estimateGas");
      }
      BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN)
          .add(BigInteger.valueOf(10_000));
      BigInteger nonce = web3j.ethGetTransactionCount(sender, DefaultBlockParameterName.PENDING)
          .send().getTransactionCount();
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
      BigInteger maxFee = gasPrice.multiply(BigInteger.TWO).add(PRIORITY_FEE);
      RawTransaction tx = RawTransaction.createTransaction(
          chainId, nonce, gasLimit, to == null ? "" : to, valueWei, data, PRIORITY_FEE, maxFee);
      String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, from));
      EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
      if (sent.hasError()) {
        throw revertOrFailure(sent.getError(), "eth_sendRawTransaction");
      }
      TransactionReceipt receipt = awaitReceipt(sent.getTransactionHash());
      if (!receipt.isStatusOK()) {
        throw new IllegalStateException("transaction " + receipt.getTransactionHash()
            + " reverted on chain after a successful estimate");
      }
      return receipt;
    } catch (IOException e) {
      throw new UncheckedIOException("devnet RPC failed", e);
    }
  }

  /** eth_call at the latest block from the zero address. */
  public String call(String to, String data) {
    return call(ZERO_ADDRESS, to, data);
  }

  public String call(String from, String to, String data) {
    try {
      EthCall result = web3j.ethCall(
          Transaction.createEthCallTransaction(from, to, data), DefaultBlockParameterName.LATEST).send();
      if (result.hasError()) {
        throw revertOrFailure(result.getError(), "eth_call");
      }
      return result.getValue();
    } catch (IOException e) {
      throw new UncheckedIOException("devnet RPC failed", e);
    }
  }

  private TransactionReceipt awaitReceipt(String txHash) throws IOException {
    for (int i = 0; i < 400; i++) {
      Optional<TransactionReceipt> r = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
      if (r.isPresent()) {
        return r.get();
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for " + txHash, e);
      }
    }
    throw new IOException("no receipt for " + txHash + " after 10 s");
  }

  private RuntimeException revertOrFailure(Response.Error error, String method) {
    String data = error.getData() == null ? "" : error.getData().replace("\"", "").strip();
    if (data.startsWith("0x") && data.length() >= 10) {
      return decodeRevert(Numeric.hexStringToByteArray(data), data);
    }
    if (error.getMessage() != null && error.getMessage().contains("revert")) {
      return ContractRevertedException.decoded(ContractRevertedException.UNKNOWN_ERROR, error.getMessage(), null);
    }
    return new IllegalStateException(method + " failed: " + error.getMessage());
  }

  private ContractRevertedException decodeRevert(byte[] raw, String hex) {
    String selector = Numeric.toHexString(raw, 0, 4, true);
    String signature = contracts.errorSignature(selector).orElse("unknown " + selector);
    if (signature.equals("CallFailed(bytes)")) {
      byte[] inner = AbiCall.dynamicBytesResult(raw, 4);
      if (inner.length >= 4) {
        return decodeRevert(inner, Numeric.toHexString(inner));
      }
    }
    String reason = "";
    if (signature.equals("Error(string)")) {
      reason = new String(AbiCall.dynamicBytesResult(raw, 4), java.nio.charset.StandardCharsets.UTF_8);
    } else if (raw.length > 4) {
      reason = Numeric.toHexString(Arrays.copyOfRange(raw, 4, raw.length));
    }
    return ContractRevertedException.decoded(signature, reason, hex);
  }
}
