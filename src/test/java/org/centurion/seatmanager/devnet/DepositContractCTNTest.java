package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.devnet.AbiCall.address;
import static org.centurion.seatmanager.devnet.AbiCall.bytes;
import static org.centurion.seatmanager.devnet.AbiCall.bytes32;
import static org.centurion.seatmanager.devnet.AbiCall.uint64;
import static org.centurion.seatmanager.devnet.ChainFixture.assertReverts;
import static org.centurion.seatmanager.devnet.ChainFixture.assertRevertsWithReason;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.devnet.DevnetValidatorKey.DepositData;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

class DepositContractCTNTest extends ChainContractTest {
  /** A seat ready to deposit: vault deployed through the router, deposit data signed. */
  DepositData seat() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String vault = chain.ops.deployVault(key.pubkey(), chain.beneficiary.getAddress());
    return key.depositData(DevnetOps.withdrawalCredentials(vault), 32_000_000_000L, ChainFixture.FORK);
  }

  String dc() {
    return chain.addresses.depositContract();
  }

  String depositor() {
    return chain.depositor.getAddress();
  }

  @Test
  void freshContractHasTheEmptyTreeAndTheCanonicalInterface() {
    assertThat(chain.ops.depositCount()).isZero();
    assertThat(Numeric.toHexString(chain.ops.depositRoot()))
        .isEqualTo("0xd70a234731285c6804c2a4f56711ddb8c82c99740f207854891028af34e27e5e");
    assertThat(AbiCall.bool(chain.tx.call(dc(), AbiCall.encode(Sig.SUPPORTS_INTERFACE,
        new org.web3j.abi.datatypes.generated.Bytes4(Numeric.hexStringToByteArray("0x01ffc9a7")))))).isTrue();
    assertThat(AbiCall.bool(chain.tx.call(dc(), AbiCall.encode(Sig.SUPPORTS_INTERFACE,
        new org.web3j.abi.datatypes.generated.Bytes4(Numeric.hexStringToByteArray("0x85640907")))))).isTrue();
    assertThat(AbiCall.bool(chain.tx.call(dc(), AbiCall.encode(Sig.SUPPORTS_INTERFACE,
        new org.web3j.abi.datatypes.generated.Bytes4(new byte[4]))))).isFalse();
  }

  @Test
  void allowlistedDepositEmitsTheCanonicalEventConsumesTheIntentAndGrowsTheTree() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    assertThat(chain.ops.isAllowed(d, depositor())).isTrue();
    BigInteger before = chain.control.balance(dc());

    TransactionReceipt r = chain.ops.deposit(chain.depositor, d);

    assertThat(chain.control.balance(dc()).subtract(before)).isEqualTo(DevnetOps.DEPOSIT_WEI);
    Log event = r.getLogs().stream()
        .filter(l -> l.getTopics().get(0).equals(ReferenceContracts.DEPOSIT_EVENT_TOPIC)).findFirst().orElseThrow();
    assertThat(event.getTopics()).hasSize(1);
    byte[] data = Numeric.hexStringToByteArray(event.getData());
    assertThat(data).hasSize(576);
    assertThat(AbiCall.tupleBytes(data, 0, 0)).isEqualTo(d.pubkey());
    assertThat(AbiCall.tupleBytes(data, 0, 1)).isEqualTo(d.withdrawalCredentials());
    assertThat(AbiCall.tupleBytes(data, 0, 2)).isEqualTo(littleEndian64(32_000_000_000L));
    assertThat(AbiCall.tupleBytes(data, 0, 3)).isEqualTo(d.signature());
    assertThat(AbiCall.tupleBytes(data, 0, 4)).isEqualTo(littleEndian64(0));
    assertThat(r.getLogs()).anyMatch(l -> l.getTopics().get(0).equals(ReferenceContracts.topic(Sig.EVENT_INTENT_CONSUMED)));

    assertThat(chain.ops.isAllowed(d, depositor())).isFalse();
    byte[] intent = intentHash(d, depositor(), 0);
    assertThat(AbiCall.bool(chain.tx.call(dc(), AbiCall.encode(Sig.CONSUMED_INTENTS, bytes32(intent))))).isTrue();
    assertThat(AbiCall.bool(chain.tx.call(dc(), AbiCall.encode(Sig.PHASE1_VALIDATOR_ACTIVATED,
        bytes32(DevnetOps.sha256(d.pubkey())))))).isTrue();
    assertThat(chain.ops.depositCount()).isEqualTo(1);
    assertThat(chain.ops.depositRoot()).isEqualTo(depositTreeRoot(List.of(d.depositDataRoot())));

    DepositData second = seat();
    chain.ops.allow(second, depositor());
    chain.ops.deposit(chain.depositor, second);
    assertThat(chain.ops.depositCount()).isEqualTo(2);
    assertThat(chain.ops.depositRoot())
        .isEqualTo(depositTreeRoot(List.of(d.depositDataRoot(), second.depositDataRoot())));
  }

  @Test
  void intentHashIsAbiEncodeOfTheFiveFields() {
    DepositData d = seat();
    byte[] onChain = AbiCall.bytes32Result(chain.tx.call(dc(), AbiCall.encode(Sig.DEPOSIT_INTENT_HASH,
        bytes(d.pubkey()), bytes(d.withdrawalCredentials()), uint64(d.amountGwei()), address(depositor()),
        AbiCall.uint256(0))));
    assertThat(onChain).isEqualTo(intentHash(d, depositor(), 0));
  }

  @Test
  void wrongDepositorIsRejected() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    assertReverts(() -> chain.ops.deposit(chain.stranger, d), "DepositIntentNotAllowlisted");
    assertReverts(() -> chain.ops.deposit(chain.deployer, d), "DepositIntentNotAllowlisted");
  }

  @Test
  void consumedIntentCanNeitherBeReusedNorReAdded() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    chain.ops.deposit(chain.depositor, d);
    assertReverts(() -> chain.ops.deposit(chain.depositor, d), "ValidatorAlreadyActivated");
    assertReverts(() -> chain.ops.allow(d, depositor()), "DepositIntentAlreadyConsumed");
  }

  @Test
  void removedIntentBlocksTheDepositAndMayBeAddedAgain() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    assertReverts(() -> chain.ops.allow(d, depositor()), "DepositIntentAlreadyAllowed");
    chain.ops.removeAllowed(d, depositor());
    assertReverts(() -> chain.ops.removeAllowed(d, depositor()), "DepositIntentNotAllowlisted");
    assertReverts(() -> chain.ops.deposit(chain.depositor, d), "DepositIntentNotAllowlisted");
    chain.ops.allow(d, depositor());
    chain.ops.deposit(chain.depositor, d);
  }

  @Test
  void intentArgumentsAreChecked() {
    DepositData d = seat();
    assertReverts(() -> chain.ops.allow(d, "0x0000000000000000000000000000000000000000"),
        "InvalidAuthorizedDepositor");
    DepositData wrongAmount = new DepositData(d.pubkey(), d.withdrawalCredentials(), 31_000_000_000L,
        d.signature(), d.depositDataRoot());
    assertReverts(() -> chain.ops.allow(wrongAmount, depositor()), "InvalidAllowedDepositAmount");
    assertReverts(() -> chain.tx.send(chain.stranger, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT_FOR, bytes(d.pubkey()), bytes(d.withdrawalCredentials()),
            uint64(d.amountGwei()), address(depositor()))), "NotAllowlistAdmin");
    assertReverts(() -> chain.tx.send(chain.stranger, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.REMOVE_ALLOWED_DEPOSIT_FOR, bytes(d.pubkey()), bytes(d.withdrawalCredentials()),
            uint64(d.amountGwei()), address(depositor()))), "NotAllowlistAdmin");
  }

  @Test
  void addAllowedDepositDefaultsToTheAdminAsDepositorAnd32Ctn() {
    DepositData d = seat();
    chain.tx.send(chain.deployer, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT, bytes(d.pubkey()), bytes(d.withdrawalCredentials())));
    assertThat(chain.ops.isAllowed(d, chain.deployer.getAddress())).isTrue();
    assertReverts(() -> chain.ops.deposit(chain.depositor, d), "DepositIntentNotAllowlisted");
    chain.ops.deposit(chain.deployer, d);
  }

  @Test
  void acceptingANewAllowlistAdminBumpsTheEpochAndVoidsOldIntents() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    Credentials newAdmin = DevnetAccounts.account(4);
    assertReverts(() -> chain.tx.send(chain.stranger, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, address(newAdmin.getAddress()))), "NotAllowlistAdmin");
    assertReverts(() -> chain.tx.send(chain.deployer, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.CANCEL_ALLOWLIST_ADMIN_TRANSFER)), "NoPendingTransfer");
    assertReverts(() -> chain.tx.send(chain.deployer, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, address("0x0000000000000000000000000000000000000000"))),
        "InvalidAddress");
    chain.tx.send(chain.deployer, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, address(newAdmin.getAddress())));
    chain.tx.send(chain.deployer, dc(), BigInteger.ZERO, AbiCall.encode(Sig.CANCEL_ALLOWLIST_ADMIN_TRANSFER));
    assertReverts(() -> chain.tx.send(newAdmin, dc(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_ALLOWLIST_ADMIN)),
        "NotPendingAllowlistAdmin");
    chain.tx.send(chain.deployer, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, address(newAdmin.getAddress())));
    assertReverts(() -> chain.tx.send(chain.stranger, dc(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_ALLOWLIST_ADMIN)),
        "NotPendingAllowlistAdmin");
    chain.tx.send(newAdmin, dc(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_ALLOWLIST_ADMIN));

    assertThat(AbiCall.word(chain.tx.call(dc(), AbiCall.encode(Sig.ALLOWLIST_EPOCH)), 0)).isEqualTo(BigInteger.ONE);
    assertThat(AbiCall.addressResult(chain.tx.call(dc(), AbiCall.encode(Sig.ALLOWLIST_ADMIN))))
        .isEqualToIgnoringCase(newAdmin.getAddress());
    assertThat(chain.ops.isAllowed(d, depositor())).isFalse();
    assertReverts(() -> chain.ops.deposit(chain.depositor, d), "DepositIntentNotAllowlisted");
    assertReverts(() -> chain.ops.allow(d, depositor()), "NotAllowlistAdmin");
    new DevnetOps(chain.tx, chain.addresses, newAdmin, chain.treasury).allow(d, depositor());
    chain.ops.deposit(chain.depositor, d);
  }

  @Test
  void ownershipMovesInTwoSteps() {
    Credentials next = DevnetAccounts.account(6);
    assertReverts(() -> chain.tx.send(chain.stranger, dc(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_OWNERSHIP, address(next.getAddress()))), "NotOwner");
    chain.tx.send(chain.deployer, dc(), BigInteger.ZERO, AbiCall.encode(Sig.TRANSFER_OWNERSHIP, address(next.getAddress())));
    assertReverts(() -> chain.tx.send(chain.stranger, dc(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_OWNERSHIP)),
        "NotPendingOwner");
    chain.tx.send(next, dc(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_OWNERSHIP));
    assertThat(AbiCall.addressResult(chain.tx.call(dc(), AbiCall.encode(Sig.OWNER))))
        .isEqualToIgnoringCase(next.getAddress());
  }

  @Test
  void credentialsMustBeTheCanonicalCredentialsOfThePubkeysOwnVault() {
    DepositData d = seat();
    DepositData other = seat();
    byte[] type0 = d.withdrawalCredentials().clone();
    type0[0] = 0x00;
    byte[] dirty = d.withdrawalCredentials().clone();
    dirty[5] = 0x01;
    byte[] unregistered = DevnetOps.withdrawalCredentials(chain.stranger.getAddress());
    expectDepositRevert(d, type0, "WithdrawalCredentialsMustBeExecutionAddress");
    expectDepositRevert(d, dirty, "NonCanonicalWithdrawalCredentials");
    expectDepositRevert(d, unregistered, "VaultNotFactoryRegistered");
    expectDepositRevert(d, other.withdrawalCredentials(), "VaultPubkeyBindingMismatch");
  }

  /** Allowlists the variant first, so only the credential check can be what rejects it. */
  private void expectDepositRevert(DepositData d, byte[] wc, String error) {
    DepositData variant = new DepositData(d.pubkey(), wc, d.amountGwei(), d.signature(),
        DepositSsz.depositDataRoot(d.pubkey(), wc, d.amountGwei(), d.signature()));
    chain.ops.allow(variant, depositor());
    assertReverts(() -> chain.ops.deposit(chain.depositor, variant), error);
  }

  @Test
  void amountMustBeExactly32CtnInWholeGwei() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    assertReverts(() -> chain.ops.deposit(chain.depositor, d, ChainFixture.ether(31)), "Phase1DepositMustBeExactly32CTN");
    assertReverts(() -> chain.ops.deposit(chain.depositor, d, ChainFixture.ether(33)), "Phase1DepositMustBeExactly32CTN");
    assertRevertsWithReason(() -> chain.ops.deposit(chain.depositor, d, ChainFixture.ETHER.divide(BigInteger.TWO)),
        "DepositContract: deposit value too low");
    assertRevertsWithReason(() -> chain.ops.deposit(chain.depositor, d, DevnetOps.DEPOSIT_WEI.add(BigInteger.ONE)),
        "DepositContract: deposit value not multiple of gwei");
  }

  @Test
  void lengthsAreChecked() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    assertRevertsWithReason(() -> rawDeposit(Arrays.copyOf(d.pubkey(), 47), d.withdrawalCredentials(), d.signature(), d),
        "DepositContract: invalid pubkey length");
    assertRevertsWithReason(() -> rawDeposit(d.pubkey(), Arrays.copyOf(d.withdrawalCredentials(), 31), d.signature(), d),
        "DepositContract: invalid withdrawal_credentials length");
    assertRevertsWithReason(() -> rawDeposit(d.pubkey(), d.withdrawalCredentials(), Arrays.copyOf(d.signature(), 95), d),
        "DepositContract: invalid signature length");
  }

  private void rawDeposit(byte[] pubkey, byte[] wc, byte[] sig, DepositData d) {
    chain.tx.send(chain.depositor, dc(), DevnetOps.DEPOSIT_WEI,
        AbiCall.encode(Sig.DEPOSIT, bytes(pubkey), bytes(wc), bytes(sig), bytes32(d.depositDataRoot())));
  }

  @Test
  void depositDataRootMustMatch() {
    DepositData d = seat();
    chain.ops.allow(d, depositor());
    byte[] root = d.depositDataRoot().clone();
    root[0] ^= 1;
    DepositData wrongRoot = new DepositData(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), d.signature(), root);
    assertReverts(() -> chain.ops.deposit(chain.depositor, wrongRoot), "DepositDataRootMismatch");
    assertThat(chain.ops.isAllowed(d, depositor())).isTrue();
  }

  @Test
  void publishedRootVectorFromTheChain286Run() {
    byte[] pubkey = Numeric.hexStringToByteArray(
        "0xaa74a83f10ea5fba2e0a2c1fc7c080180e01e857573b84200c3b238cb4028fa2a98e48b53c2d0218aadcfd69f6c5d1aa");
    byte[] wc = Numeric.hexStringToByteArray("0x010000000000000000000000412a91402f3d3baee3612d5b5d0ba43542b7adf9");
    assertThat(Numeric.toHexString(DepositSsz.depositDataRoot(pubkey, wc, 32_000_000_000L, new byte[96])))
        .isEqualTo("0x962f37c41141f21e190d41d92c1bce17477bb2131efe8b101fda8d08388e8a95");
    assertThat(Numeric.toHexString(DepositSsz.depositDomain(ForkVersion.of(new byte[4]))))
        .isEqualTo("0x03000000f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a9");
  }

  static byte[] intentHash(DepositData d, String depositor, long epoch) {
    String encoded = org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(
        bytes(d.pubkey()), bytes(d.withdrawalCredentials()), uint64(d.amountGwei()), address(depositor),
        AbiCall.uint256(epoch)));
    return org.web3j.crypto.Hash.sha3(Numeric.hexStringToByteArray(encoded));
  }

  /** SSZ root of List[DepositData, 2**32] from the leaves, computed independently of the contract. */
  static byte[] depositTreeRoot(List<byte[]> leaves) {
    List<byte[]> level = new ArrayList<>(leaves);
    byte[] zero = new byte[32];
    for (int depth = 0; depth < 32; depth++) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        byte[] right = i + 1 < level.size() ? level.get(i + 1) : zero;
        next.add(DevnetOps.sha256(concat(level.get(i), right)));
      }
      if (next.isEmpty()) {
        next.add(DevnetOps.sha256(concat(zero, zero)));
      }
      level = next;
      zero = DevnetOps.sha256(concat(zero, zero));
    }
    byte[] size = Arrays.copyOf(littleEndian64(leaves.size()), 32);
    return DevnetOps.sha256(concat(level.get(0), size));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] littleEndian64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }
}
