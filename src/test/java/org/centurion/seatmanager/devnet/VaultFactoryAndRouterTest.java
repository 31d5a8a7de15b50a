package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.devnet.AbiCall.address;
import static org.centurion.seatmanager.devnet.AbiCall.bytes;
import static org.centurion.seatmanager.devnet.ChainFixture.assertReverts;

import java.math.BigInteger;
import java.time.Duration;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

class VaultFactoryAndRouterTest extends ChainContractTest {
  String factory() {
    return chain.addresses.vaultFactory();
  }

  String router() {
    return chain.addresses.treasuryRouter();
  }

  String beneficiary() {
    return chain.beneficiary.getAddress();
  }

  @Test
  void routerDeploysOneVaultPerPubkeyAtThePredictedAddress() {
    byte[] pubkey = DevnetValidatorKey.random().pubkey();
    String predicted = AbiCall.addressResult(chain.tx.call(factory(),
        AbiCall.encode(Sig.PREDICT_VAULT, bytes(pubkey), address(beneficiary()))));
    byte[] previewWc = AbiCall.bytes32Result(chain.tx.call(factory(),
        AbiCall.encode(Sig.PREVIEW_WITHDRAWAL_CREDENTIALS, bytes(pubkey), address(beneficiary()))));

    TransactionReceipt r = chain.ops.viaRouter(factory(), BigInteger.ZERO,
        AbiCall.encode(Sig.DEPLOY_VAULT, bytes(pubkey), address(beneficiary())));
    String vault = chain.ops.vaultFor(pubkey);

    assertThat(vault).isEqualToIgnoringCase(predicted);
    assertThat(previewWc).isEqualTo(DevnetOps.withdrawalCredentials(vault));
    assertThat(r.getLogs()).anyMatch(l -> l.getTopics().get(0).equals(ReferenceContracts.topic(Sig.EVENT_VAULT_DEPLOYED))
        && l.getTopics().get(1).equals(Numeric.toHexString(DevnetOps.sha256(pubkey))));
    assertThat(AbiCall.bool(chain.tx.call(factory(), AbiCall.encode(Sig.IS_VAULT, address(vault))))).isTrue();
    assertThat(AbiCall.bool(chain.tx.call(factory(), AbiCall.encode(Sig.IS_VAULT, address(beneficiary()))))).isFalse();
    assertThat(AbiCall.bytes32Result(chain.tx.call(vault, AbiCall.encode(Sig.VALIDATOR_PUBKEY_HASH))))
        .isEqualTo(DevnetOps.sha256(pubkey));
    assertThat(AbiCall.bytes32Result(chain.tx.call(vault, AbiCall.encode(Sig.EXECUTION_WITHDRAWAL_CREDENTIALS))))
        .isEqualTo(DevnetOps.withdrawalCredentials(vault));
    assertThat(AbiCall.addressResult(chain.tx.call(vault, AbiCall.encode(Sig.BENEFICIARY))))
        .isEqualToIgnoringCase(beneficiary());
    assertThat(AbiCall.addressResult(chain.tx.call(vault, AbiCall.encode("treasury()"))))
        .isEqualToIgnoringCase(router());
    assertThat(AbiCall.word(chain.tx.call(vault, AbiCall.encode("principalTargetWei()")), 0))
        .isEqualTo(ChainFixture.ether(32));
    assertThat(AbiCall.dynamicBytesResult(Numeric.hexStringToByteArray(
        chain.tx.call(vault, AbiCall.encode("pubkey()"))), 0)).isEqualTo(pubkey);

    assertReverts(() -> chain.ops.deployVault(pubkey, beneficiary()), "VaultAlreadyExists");
  }

  @Test
  void factoryRejectsEveryoneButTheRouterAndBadArguments() {
    byte[] pubkey = DevnetValidatorKey.random().pubkey();
    assertReverts(() -> chain.tx.send(chain.treasury, factory(), BigInteger.ZERO,
        AbiCall.encode(Sig.DEPLOY_VAULT, bytes(pubkey), address(beneficiary()))), "NotRouter");
    assertReverts(() -> chain.ops.deployVault(new byte[47], beneficiary()), "InvalidPubkeyLength");
    assertReverts(() -> chain.ops.deployVault(pubkey, "0x0000000000000000000000000000000000000000"),
        "InvalidBeneficiary");
    assertThat(chain.ops.vaultFor(pubkey)).isEqualTo("0x0000000000000000000000000000000000000000");
  }

  @Test
  void vaultConstructorEnforcesThe32CtnPrincipalTarget() {
    String creation = chain.contracts.artifact(ReferenceContracts.WITHDRAWAL_VAULT).creationBytecode();
    byte[] pubkey = DevnetValidatorKey.random().pubkey();
    assertReverts(() -> chain.tx.deploy(chain.deployer, AbiCall.withConstructorArgs(creation, bytes(pubkey),
        address(beneficiary()), address(router()), address(router()), AbiCall.uint256(ChainFixture.ether(31)))),
        "InvalidPrincipalTarget");
    assertReverts(() -> chain.tx.deploy(chain.deployer, AbiCall.withConstructorArgs(creation, bytes(new byte[48 + 1]),
        address(beneficiary()), address(router()), address(router()), AbiCall.uint256(ChainFixture.ether(32)))),
        "InvalidPubkeyLength");
    assertReverts(() -> chain.tx.deploy(chain.deployer, AbiCall.withConstructorArgs(creation, bytes(pubkey),
        address(beneficiary()), address(router()), address("0x0000000000000000000000000000000000000000"),
        AbiCall.uint256(ChainFixture.ether(32)))), "InvalidPrincipalDestination");
  }

  @Test
  void onlyTheActiveSignerCanExecute() {
    assertReverts(() -> chain.tx.send(chain.stranger, router(), BigInteger.ZERO,
        AbiCall.encode(Sig.EXECUTE, address(factory()), AbiCall.uint256(0), bytes(new byte[0]))), "NotActiveSigner");
    BigInteger before = chain.control.balance(chain.stranger.getAddress());
    chain.ops.viaRouter(chain.stranger.getAddress(), ChainFixture.ether(2), "0x");
    assertThat(chain.control.balance(chain.stranger.getAddress()).subtract(before)).isEqualTo(ChainFixture.ether(2));
  }

  @Test
  void signerRotationTakesSevenDaysAndTheNewSignersAcceptance() {
    Credentials next = DevnetAccounts.account(7);
    assertReverts(() -> sendRouter(chain.stranger, AbiCall.encode(Sig.PROPOSE_SIGNER_ROTATION, address(next.getAddress()))),
        "NotActiveSigner");
    assertReverts(() -> sendRouter(chain.treasury, AbiCall.encode(Sig.PROPOSE_SIGNER_ROTATION,
        address("0x0000000000000000000000000000000000000000"))), "InvalidSigner");
    assertReverts(() -> sendRouter(chain.treasury, AbiCall.encode(Sig.PROPOSE_SIGNER_ROTATION,
        address(chain.treasury.getAddress()))), "InvalidSigner");
    assertReverts(() -> sendRouter(next, AbiCall.encode(Sig.ACCEPT_SIGNER_ROTATION)), "NoPendingRotation");
    assertReverts(() -> sendRouter(chain.treasury, AbiCall.encode(Sig.CANCEL_SIGNER_ROTATION)), "NoPendingRotation");

    sendRouter(chain.treasury, AbiCall.encode(Sig.PROPOSE_SIGNER_ROTATION, address(next.getAddress())));
    assertReverts(() -> sendRouter(next, AbiCall.encode(Sig.ACCEPT_SIGNER_ROTATION)), "RotationNotReady");
    assertReverts(() -> sendRouter(chain.stranger, AbiCall.encode(Sig.ACCEPT_SIGNER_ROTATION)), "NotPendingSigner");
    sendRouter(chain.treasury, AbiCall.encode(Sig.CANCEL_SIGNER_ROTATION));
    chain.control.advanceTime(Duration.ofDays(8));
    assertReverts(() -> sendRouter(next, AbiCall.encode(Sig.ACCEPT_SIGNER_ROTATION)), "NoPendingRotation");

    sendRouter(chain.treasury, AbiCall.encode(Sig.PROPOSE_SIGNER_ROTATION, address(next.getAddress())));
    chain.control.advanceTime(Duration.ofDays(7).minusSeconds(30));
    assertReverts(() -> sendRouter(next, AbiCall.encode(Sig.ACCEPT_SIGNER_ROTATION)), "RotationNotReady");
    chain.control.advanceTime(Duration.ofSeconds(60));
    sendRouter(next, AbiCall.encode(Sig.ACCEPT_SIGNER_ROTATION));

    assertThat(AbiCall.addressResult(chain.tx.call(router(), AbiCall.encode(Sig.ACTIVE_SIGNER))))
        .isEqualToIgnoringCase(next.getAddress());
    byte[] pubkey = DevnetValidatorKey.random().pubkey();
    assertReverts(() -> chain.ops.deployVault(pubkey, beneficiary()), "NotActiveSigner");
    new DevnetOps(chain.tx, chain.addresses, chain.deployer, next).deployVault(pubkey, beneficiary());
  }

  private void sendRouter(Credentials from, String data) {
    chain.tx.send(from, router(), BigInteger.ZERO, data);
  }

  @Test
  void routerAcceptsPlainTransfers() {
    BigInteger before = chain.control.balance(router());
    chain.tx.send(chain.stranger, router(), ChainFixture.ether(1), "0x");
    assertThat(chain.control.balance(router()).subtract(before)).isEqualTo(ChainFixture.ether(1));
  }
}
