package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.centurion.seatmanager.chain.ContractRevertedException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** One anvil with the reference contracts deployed, shared by the tests of one class. */
final class ChainFixture implements AutoCloseable {
  static final byte[] FORK = {0x10, 0x00, 0x01, 0x1e};
  static final BigInteger ETHER = BigInteger.TEN.pow(18);

  final Anvil anvil;
  final Web3j web3j;
  final ReferenceContracts contracts = ReferenceContracts.load();
  final DevnetTransactor tx;
  final AnvilControl control;
  final DevnetAddresses addresses;
  final DevnetOps ops;
  final Credentials deployer = DevnetAccounts.account(DevnetAccounts.DEPLOYER);
  final Credentials treasury = DevnetAccounts.account(DevnetAccounts.TREASURY_SIGNER);
  final Credentials depositor = DevnetAccounts.account(DevnetAccounts.DEPOSITOR);
  final Credentials beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);
  final Credentials stranger = DevnetAccounts.account(5);

  ChainFixture() throws Exception {
    anvil = Anvil.start(286);
    HttpService service = new HttpService(anvil.rpcUrl());
    web3j = Web3j.build(service);
    tx = new DevnetTransactor(web3j, 286, contracts);
    control = new AnvilControl(web3j, service);
    addresses = new DevnetDeployer(tx, control, contracts)
        .deploy(deployer, treasury, depositor, ETHER.multiply(BigInteger.valueOf(100)));
    ops = new DevnetOps(tx, addresses, deployer, treasury);
  }

  static BigInteger ether(long n) {
    return ETHER.multiply(BigInteger.valueOf(n));
  }

  static void assertReverts(ThrowingCallable call, String errorName) {
    assertThatThrownBy(call)
        .isInstanceOf(ContractRevertedException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
            ((ContractRevertedException) e).errorName()).isEqualTo(errorName));
  }

  static void assertRevertsWithReason(ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOf(ContractRevertedException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
            ((ContractRevertedException) e).reason()).isEqualTo(reason));
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
