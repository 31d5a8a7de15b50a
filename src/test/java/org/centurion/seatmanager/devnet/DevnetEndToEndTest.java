package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.devnet.ChainFixture.assertReverts;
import static org.centurion.seatmanager.devnet.ChainFixture.ether;

import java.math.BigInteger;
import java.time.Duration;
import org.centurion.seatmanager.devnet.DevnetValidatorKey.DepositData;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.devnet.beacon.EndpointBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The acceptance path on one devnet: a key goes from vault deployment to drain, with
 * balances and the conservation invariant checked at every step, and the negative paths behave
 * as on Centurion.
 */
class DevnetEndToEndTest {
  static final long REWARD_GWEI = 1_000_000L;    // 0.001 CTN per epoch
  static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  static Devnet devnet;
  static Credentials beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  @BeforeAll
  static void start() throws Exception {
    BeaconSpec spec = new BeaconSpec(1, 4, 8, 4, 2, 2, REWARD_GWEI, 32,
        DevnetConfig.DEVNET_GENESIS_FORK_VERSION, 286, null);
    devnet = Devnet.start(DevnetConfig.forTests().withBeacon(spec));
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  String endpoint(int i) {
    return devnet.beaconUrls().get(i);
  }

  String statusEverywhere(byte[] pubkey) {
    String a = BeaconHttp.status(endpoint(0), pubkey);
    String b = BeaconHttp.status(endpoint(1), pubkey);
    assertThat(b).as("both honest endpoints agree").isEqualTo(a);
    return a;
  }

  BigInteger vaultUint(String vault, String sig) {
    return devnet.ops().vaultUint(vault, sig);
  }

  /** Everything the consensus layer paid the vault is in it or was paid out as principal or rewards. */
  void assertConserved(String vault) {
    BigInteger inflow = devnet.beacon().withdrawnTo(vault);
    BigInteger balance = devnet.chain().balance(vault);
    assertThat(vaultUint(vault, Sig.TOTAL_LIFETIME_WEI)).isEqualTo(inflow);
    assertThat(balance.add(vaultUint(vault, Sig.PRINCIPAL_CLAIMED_WEI)).add(vaultUint(vault, Sig.REWARDS_CLAIMED_WEI)))
        .isEqualTo(inflow);
  }

  DepositData newSeat(DevnetValidatorKey key) {
    String vault = devnet.ops().deployVault(key.pubkey(), beneficiary.getAddress());
    return key.depositData(DevnetOps.withdrawalCredentials(vault), DevnetValidatorKey.PHASE1_AMOUNT_GWEI,
        devnet.genesisForkVersion());
  }

  @Test
  void aSeatGoesFromVaultToDrain() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    byte[] pubkey = key.pubkey();
    DepositData d = newSeat(key);
    String vault = devnet.ops().vaultFor(pubkey);
    String depositor = devnet.depositor().getAddress();
    assertThat(statusEverywhere(pubkey)).isEqualTo("absent");

    devnet.ops().allow(d, depositor);
    devnet.ops().deposit(devnet.depositor(), d);
    assertReverts(() -> devnet.ops().deposit(devnet.depositor(), d), "ValidatorAlreadyActivated");
    assertReverts(() -> devnet.ops().allow(d, depositor), "DepositIntentAlreadyConsumed");
    assertThat(statusEverywhere(pubkey)).as("not seen before the next epoch").isEqualTo("absent");

    devnet.advanceEpochs(1);
    assertThat(statusEverywhere(pubkey)).isEqualTo("pending_initialized");
    devnet.advanceEpochs(1);
    assertThat(statusEverywhere(pubkey)).isEqualTo("pending_queued");
    devnet.advanceEpochs(2);
    assertThat(statusEverywhere(pubkey)).isEqualTo("active_ongoing");
    long activation = BeaconHttp.get(endpoint(0), "/eth/v1/beacon/states/head/validators/"
        + org.web3j.utils.Numeric.toHexString(pubkey)).body().get("data").get("validator")
        .get("activation_epoch").asLong();
    assertThat(activation).isEqualTo(devnet.beacon().currentEpoch());

    // rewards over 32 CTN are skimmed to the vault every epoch
    devnet.advanceEpochs(2);
    assertThat(devnet.chain().balance(vault)).isEqualTo(BigInteger.valueOf(3 * REWARD_GWEI).multiply(GWEI));
    assertConserved(vault);

    // the beneficiary claims part of the rewards (principal is not home, so claims are allowed)
    BigInteger claim = BigInteger.valueOf(2 * REWARD_GWEI).multiply(GWEI);
    devnet.transactor().send(beneficiary, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(claim)));
    devnet.advanceChainTime(Duration.ofHours(24));
    devnet.transactor().send(beneficiary, vault, BigInteger.ZERO, AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS));
    assertThat(vaultUint(vault, Sig.REWARDS_CLAIMED_WEI)).isEqualTo(claim);
    assertConserved(vault);

    // an exit asked too soon after activation is silently ignored by the consensus layer
    BigInteger fee = devnet.ops().exitRequestFee(vault);
    devnet.ops().triggerValidatorExit(vault, fee);
    devnet.advanceEpochs(1);
    assertThat(statusEverywhere(pubkey)).isEqualTo("active_ongoing");
    assertThat(devnet.beacon().ignoredExitRequests())
        .anyMatch(r -> r.reason().contains("SHARD_COMMITTEE_PERIOD"));

    // once past SHARD_COMMITTEE_PERIOD the same request is honoured
    devnet.advanceEpochs(activation + 8 - devnet.beacon().currentEpoch());
    devnet.ops().triggerValidatorExit(vault, devnet.ops().exitRequestFee(vault));
    devnet.advanceEpochs(1);
    assertThat(statusEverywhere(pubkey)).isEqualTo("active_exiting");
    devnet.ops().triggerValidatorExit(vault, devnet.ops().exitRequestFee(vault));
    devnet.advanceEpochs(1);
    assertThat(devnet.beacon().ignoredExitRequests()).anyMatch(r -> r.reason().equals("validator already exiting"));
    devnet.advanceEpochs(2);
    assertThat(statusEverywhere(pubkey)).isEqualTo("exited_unslashed");
    devnet.advanceEpochs(4);
    assertThat(statusEverywhere(pubkey)).isEqualTo("withdrawal_possible");
    devnet.advanceEpochs(1);
    assertThat(statusEverywhere(pubkey)).isEqualTo("withdrawal_done");
    assertConserved(vault);
    BigInteger inVault = devnet.chain().balance(vault);
    assertThat(inVault).isGreaterThan(ether(32));

    // principal is home: running claims are blocked, settlement pays principal first
    assertReverts(() -> devnet.transactor().send(beneficiary, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(1))), "PrincipalProtectionActive");
    BigInteger routerBefore = devnet.chain().balance(devnet.addresses().treasuryRouter());
    BigInteger beneficiaryBefore = devnet.chain().balance(beneficiary.getAddress());
    devnet.ops().viaRouter(vault, BigInteger.ZERO, AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(claim)));
    devnet.advanceChainTime(Duration.ofHours(1));
    devnet.ops().viaRouter(vault, BigInteger.ZERO, AbiCall.encode(Sig.FINALIZE_SETTLEMENT));
    assertThat(devnet.chain().balance(devnet.addresses().treasuryRouter()).subtract(routerBefore)).isEqualTo(ether(32));
    assertThat(devnet.chain().balance(beneficiary.getAddress()).subtract(beneficiaryBefore))
        .isEqualTo(inVault.subtract(ether(32)));
    assertThat(devnet.chain().balance(vault)).isZero();
    assertConserved(vault);

    // nothing left, and the drain waits 90 days
    assertReverts(() -> devnet.ops().viaRouter(vault, BigInteger.ZERO, AbiCall.encode(Sig.DRAIN_REMAINDER)),
        "DrainTooEarly");
    devnet.advanceChainTime(Duration.ofDays(90));
    assertReverts(() -> devnet.ops().viaRouter(vault, BigInteger.ZERO, AbiCall.encode(Sig.DRAIN_REMAINDER)),
        "NothingToDrain");
    assertConserved(vault);
  }

  @Test
  void aBadSignatureTakesTheMoneyButNeverMakesAValidator() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    DepositData good = newSeat(key);
    DepositData forged = good.withForeignSignature(
        DevnetValidatorKey.random().depositData(good.withdrawalCredentials(), good.amountGwei(),
            devnet.genesisForkVersion()).signature());
    devnet.ops().allow(forged, devnet.depositor().getAddress());
    BigInteger before = devnet.chain().balance(devnet.addresses().depositContract());
    devnet.ops().deposit(devnet.depositor(), forged);
    assertThat(devnet.chain().balance(devnet.addresses().depositContract()).subtract(before)).isEqualTo(ether(32));

    devnet.advanceEpochs(6);
    assertThat(statusEverywhere(key.pubkey())).isEqualTo("absent");
    assertThat(devnet.beacon().droppedDeposits()).anyMatch(dd -> java.util.Arrays.equals(dd.pubkey(), key.pubkey()));
  }

  @Test
  void depositsFromTheWrongKeyOrWithTheWrongCredentialsRevert() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    DepositData d = newSeat(key);
    devnet.ops().allow(d, devnet.depositor().getAddress());
    assertReverts(() -> devnet.ops().deposit(DevnetAccounts.account(6), d), "DepositIntentNotAllowlisted");
    DepositData otherVault = newSeat(DevnetValidatorKey.random());
    DepositData wrongWc = key.depositData(otherVault.withdrawalCredentials(), d.amountGwei(), devnet.genesisForkVersion());
    devnet.ops().allow(wrongWc, devnet.depositor().getAddress());
    assertReverts(() -> devnet.ops().deposit(devnet.depositor(), wrongWc), "VaultPubkeyBindingMismatch");
  }

  @Test
  void aLaggingOrLyingEndpointDisagreesWithTheHonestOne() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    DepositData d = newSeat(key);
    devnet.ops().allow(d, devnet.depositor().getAddress());
    devnet.ops().deposit(devnet.depositor(), d);
    devnet.advanceEpochs(2);
    assertThat(BeaconHttp.status(endpoint(0), key.pubkey())).isEqualTo("pending_queued");
    try {
      devnet.beaconEndpoints().get(1).behave(new EndpointBehaviour.Lagging(2));
      assertThat(BeaconHttp.status(endpoint(1), key.pubkey())).isEqualTo("absent");
      assertThat(BeaconHttp.get(endpoint(1), "/eth/v1/node/syncing").body().get("data").get("is_syncing").asBoolean())
          .isFalse();
      long honestHead = BeaconHttp.get(endpoint(0), "/eth/v1/beacon/headers/head").body()
          .get("data").get("header").get("message").get("slot").asLong();
      long laggingHead = BeaconHttp.get(endpoint(1), "/eth/v1/beacon/headers/head").body()
          .get("data").get("header").get("message").get("slot").asLong();
      assertThat(honestHead - laggingHead).isEqualTo(2L * devnet.beacon().spec().slotsPerEpoch());

      devnet.beaconEndpoints().get(1).behave(new EndpointBehaviour.Lying());
      assertThat(BeaconHttp.status(endpoint(1), key.pubkey())).isEqualTo("active_ongoing");
      assertThat(BeaconHttp.get(endpoint(1), "/eth/v1/beacon/headers/head").body().get("data").get("root").asString())
          .isNotEqualTo(BeaconHttp.get(endpoint(0), "/eth/v1/beacon/headers/head").body().get("data").get("root").asString());
    } finally {
      devnet.beaconEndpoints().get(1).behave(EndpointBehaviour.honest());
    }
    assertThat(statusEverywhere(key.pubkey())).isEqualTo("pending_queued");
  }

  @Test
  void aSlashedValidatorIsCutForcedOutAndWithdrawnShort() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    DepositData d = newSeat(key);
    String vault = devnet.ops().vaultFor(key.pubkey());
    devnet.ops().allow(d, devnet.depositor().getAddress());
    devnet.ops().deposit(devnet.depositor(), d);
    devnet.advanceEpochs(4);
    assertThat(statusEverywhere(key.pubkey())).isEqualTo("active_ongoing");
    devnet.beacon().slash(key.pubkey());
    devnet.advanceEpochs(1);
    assertThat(statusEverywhere(key.pubkey())).isEqualTo("active_slashed");
    devnet.advanceEpochs(3);
    assertThat(statusEverywhere(key.pubkey())).isEqualTo("exited_slashed");
    devnet.advanceEpochs(5);
    assertThat(statusEverywhere(key.pubkey())).isEqualTo("withdrawal_done");
    assertThat(devnet.chain().balance(vault)).isLessThan(ether(32)).isGreaterThan(ether(30));
    assertConserved(vault);
  }
}
