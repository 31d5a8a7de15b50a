package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.centurion.seatmanager.devnet.Anvil;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** One anvil on chain 286 for a test class, and the few calls signer tests need from it. */
public final class SignerTestChain implements AutoCloseable {
  public static final long CHAIN_ID = 286;
  public static final BigInteger GWEI = BigInteger.TEN.pow(9);
  public static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private final Anvil anvil;
  private final HttpService http;
  private final Web3j web3j;

  private SignerTestChain(Anvil anvil) {
    this.anvil = anvil;
    this.http = new HttpService(anvil.rpcUrl());
    this.web3j = Web3j.build(http);
  }

  public static SignerTestChain start() throws IOException {
    return new SignerTestChain(Anvil.start(CHAIN_ID));
  }

  public Web3j web3j() {
    return web3j;
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  public void fund(String address, BigInteger wei) throws IOException {
    Response<?> r =
        new Request<>("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)), http, VoidResponse.class)
            .send();
    assertThat(r.hasError()).as("anvil_setBalance").isFalse();
  }

  public BigInteger nonce(String address) throws IOException {
    return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount();
  }

  public BigInteger balance(String address) throws IOException {
    return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  /** A plain EIP-1559 value transfer on chain 286 with fees anvil accepts. */
  public static RawTransaction transfer(BigInteger nonce, String to, BigInteger value) {
    return RawTransaction.createTransaction(
        CHAIN_ID, nonce, BigInteger.valueOf(100_000), to, value, "0x", GWEI, GWEI.multiply(BigInteger.valueOf(50)));
  }

  /**
   * Broadcasts, waits for the (automined) receipt and checks what anvil itself says: success, the
   * expected sender, and an s in the lower half (anvil accepts high s, so this is our check).
   */
  public TransactionReceipt sendAndCheck(SignedTransaction signed, String expectedFrom) throws IOException {
    EthSendTransaction sent = web3j.ethSendRawTransaction(signed.rawHex()).send();
    assertThat(sent.hasError()).as(() -> "anvil rejected: " + sent.getError().getMessage()).isFalse();
    assertThat(sent.getTransactionHash()).isEqualToIgnoringCase(signed.hash());
    // anvil automines, but under load the receipt can trail the send by a moment
    TransactionReceipt receipt = null;
    for (int i = 0; i < 200 && receipt == null; i++) {
      receipt = web3j.ethGetTransactionReceipt(signed.hash()).send().getTransactionReceipt().orElse(null);
      if (receipt == null) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    assertThat(receipt).as("receipt of " + signed.hash()).isNotNull();
    assertThat(receipt.isStatusOK()).isTrue();
    assertThat(receipt.getFrom()).isEqualToIgnoringCase(expectedFrom);
    Transaction onChain = web3j.ethGetTransactionByHash(signed.hash()).send().getTransaction().orElseThrow();
    assertThat(onChain.getFrom()).isEqualToIgnoringCase(expectedFrom);
    assertThat(Numeric.toBigInt(onChain.getS())).isLessThanOrEqualTo(Secp256k1.HALF_N).isPositive();
    return receipt;
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }

  public static final class VoidResponse extends Response<Object> {}
}
