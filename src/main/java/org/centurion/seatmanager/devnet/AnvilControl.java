package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/**
 * anvil's test controls (code and balance injection, time travel, mining, snapshots) plus the few
 * reads the devnet needs. Talks only to the local anvil it was built for.
 */
public final class AnvilControl {
  private final Web3j web3j;
  private final Web3jService service;

  public AnvilControl(Web3j web3j, Web3jService service) {
    this.web3j = web3j;
    this.service = service;
  }

  public void setCode(String address, String runtimeCodeHex) {
    rpc("anvil_setCode", List.of(address, runtimeCodeHex));
  }

  public void setBalance(String address, BigInteger wei) {
    rpc("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
  }

  /**
   * Credits wei to an account without running its code: what a consensus-layer withdrawal does to
   * an execution-layer account.
   */
  public void credit(String address, BigInteger wei) {
    if (wei.signum() < 0) {
      throw new IllegalArgumentException("negative credit");
    }
    setBalance(address, balance(address).add(wei));
  }

  /** Moves chain time forward and mines one block carrying the new time. */
  public void advanceTime(Duration by) {
    rpc("evm_increaseTime", List.of(by.toSeconds()));
    mine();
  }

  public void mine() {
    rpc("evm_mine", List.of());
  }

  public String snapshot() {
    return String.valueOf(rpc("evm_snapshot", List.of()).getResult());
  }

  public void revert(String snapshotId) {
    Object ok = rpc("evm_revert", List.of(snapshotId)).getResult();
    if (!Boolean.TRUE.equals(ok)) {
      throw new IllegalStateException("evm_revert to " + snapshotId + " failed");
    }
  }

  public BigInteger balance(String address) {
    try {
      return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String code(String address) {
    try {
      return web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long latestTimestamp() {
    try {
      return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send().getBlock().getTimestamp().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response<?> rpc(String method, List<?> params) {
    try {
      @SuppressWarnings({"rawtypes", "unchecked"})
      Response<?> r = new Request(method, params, service, ObjectResponse.class).send();
      if (r.hasError()) {
        throw new IllegalStateException(method + " failed: " + r.getError().getMessage());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(method + " failed", e);
    }
  }

  /** A JSON-RPC response whose result is kept as whatever JSON value anvil sent. */
  public static final class ObjectResponse extends Response<Object> {}
}
