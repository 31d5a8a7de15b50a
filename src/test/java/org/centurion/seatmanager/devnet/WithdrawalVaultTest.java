package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.devnet.ChainFixture.assertReverts;
import static org.centurion.seatmanager.devnet.ChainFixture.ether;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Claims, settlement, drain and exit of one vault, checking after every step that everything that
 * ever arrived is either still in the vault or was paid out as principal or rewards.
 */
class WithdrawalVaultTest extends ChainContractTest {
  static final BigInteger MILLI = ChainFixture.ETHER.divide(BigInteger.valueOf(1000));
  byte[] pubkey;
  String vault;
  BigInteger inflow;
  BigInteger beneficiaryStart;
  BigInteger principalDestinationStart;

  @BeforeEach
  void newVault() {
    pubkey = DevnetValidatorKey.random().pubkey();
    vault = chain.ops.deployVault(pubkey, chain.beneficiary.getAddress());
    inflow = BigInteger.ZERO;
    beneficiaryStart = chain.control.balance(chain.beneficiary.getAddress());
    principalDestinationStart = chain.control.balance(chain.addresses.principalDestination());
  }

  /** A consensus-layer withdrawal: balance appears without a transaction. */
  void sweep(BigInteger wei) {
    chain.control.credit(vault, wei);
    inflow = inflow.add(wei);
    assertConserved();
  }

  void assertConserved() {
    BigInteger balance = chain.control.balance(vault);
    BigInteger principal = uint(Sig.PRINCIPAL_CLAIMED_WEI);
    BigInteger rewards = uint(Sig.REWARDS_CLAIMED_WEI);
    assertThat(uint(Sig.TOTAL_LIFETIME_WEI)).isEqualTo(inflow);
    assertThat(balance.add(principal).add(rewards)).isEqualTo(inflow);
    assertThat(chain.control.balance(chain.addresses.principalDestination()).subtract(principalDestinationStart))
        .as("principal destination received exactly principalClaimedWei").isEqualTo(principal);
  }

  BigInteger uint(String sig) {
    return chain.ops.vaultUint(vault, sig);
  }

  TransactionReceipt asBeneficiary(String data) {
    return chain.tx.send(chain.beneficiary, vault, BigInteger.ZERO, data);
  }

  TransactionReceipt asTreasury(String data) {
    return chain.ops.viaRouter(vault, BigInteger.ZERO, data);
  }

  BigInteger beneficiaryGain() {
    // gas is paid by the beneficiary for its own claim transactions, so compare against rewards paid
    return uint(Sig.REWARDS_CLAIMED_WEI);
  }

  @Test
  void runningClaimWaitsTheDelayAndPaysTheBeneficiary() {
    sweep(MILLI.multiply(BigInteger.valueOf(50)));
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.valueOf(30)))));
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI))),
        "ClaimAlreadyPending");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS)), "ClaimNotReady");
    chain.control.advanceTime(Duration.ofHours(24));
    BigInteger before = chain.control.balance(chain.beneficiary.getAddress());
    TransactionReceipt r = asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS));
    BigInteger gas = r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
    assertThat(chain.control.balance(chain.beneficiary.getAddress()).subtract(before).add(gas))
        .isEqualTo(MILLI.multiply(BigInteger.valueOf(30)));
    assertThat(uint(Sig.REWARDS_CLAIMED_WEI)).isEqualTo(MILLI.multiply(BigInteger.valueOf(30)));
    assertConserved();
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS)), "NoPendingClaim");
  }

  @Test
  void claimArgumentsAndCallerAreChecked() {
    sweep(MILLI);
    assertReverts(() -> chain.tx.send(chain.stranger, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(1))), "NotBeneficiary");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(0))),
        "InvalidClaimAmount");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.add(BigInteger.ONE)))),
        "InsufficientBalance");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.CANCEL_CLAIM_REWARDS)), "NoPendingClaim");
    assertReverts(() -> chain.tx.send(chain.stranger, vault, BigInteger.ZERO, AbiCall.encode(Sig.CANCEL_CLAIM_REWARDS)),
        "NotBeneficiary");
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI)));
    asBeneficiary(AbiCall.encode(Sig.CANCEL_CLAIM_REWARDS));
    chain.control.advanceTime(Duration.ofDays(2));
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS)), "NoPendingClaim");
    assertConserved();
  }

  @Test
  void claimDelayIsBoundedAndSetOnlyByTheTreasury() {
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.SET_CLAIM_DELAY, AbiCall.uint256(3599))), "InvalidClaimDelay");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.SET_CLAIM_DELAY, AbiCall.uint256(30L * 86400 + 1))),
        "InvalidClaimDelay");
    assertReverts(() -> chain.tx.send(chain.beneficiary, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.SET_CLAIM_DELAY, AbiCall.uint256(3600))), "NotTreasury");
    assertReverts(() -> chain.tx.send(chain.beneficiary, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.SET_MAX_CLAIM_PER_PERIOD, AbiCall.uint256(1))), "NotTreasury");
    asTreasury(AbiCall.encode(Sig.SET_CLAIM_DELAY, AbiCall.uint256(3600)));
    sweep(MILLI);
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI)));
    chain.control.advanceTime(Duration.ofMinutes(61));
    asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS));
    assertConserved();
  }

  @Test
  void periodCapLimitsClaimsUntilThePeriodRolls() {
    asTreasury(AbiCall.encode(Sig.SET_MAX_CLAIM_PER_PERIOD, AbiCall.uint256(MILLI.multiply(BigInteger.TEN))));
    sweep(MILLI.multiply(BigInteger.valueOf(25)));
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.valueOf(11))))),
        "ClaimExceedsPeriodCap");
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.TEN))));
    chain.control.advanceTime(Duration.ofHours(25));
    asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS));
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI))),
        "ClaimExceedsPeriodCap");
    chain.control.advanceTime(Duration.ofDays(30));
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.TEN))));
    chain.control.advanceTime(Duration.ofHours(25));
    asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS));
    assertThat(uint(Sig.REWARDS_CLAIMED_WEI)).isEqualTo(MILLI.multiply(BigInteger.valueOf(20)));
    assertConserved();
  }

  @Test
  void principalProtectionBlocksClaimsOnceThePrincipalIsHome() {
    sweep(MILLI.multiply(BigInteger.valueOf(40)));
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.TEN))));
    sweep(ether(32));
    chain.control.advanceTime(Duration.ofHours(25));
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS)), "PrincipalProtectionActive");
    asBeneficiary(AbiCall.encode(Sig.CANCEL_CLAIM_REWARDS));
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI))),
        "PrincipalProtectionActive");
    assertConserved();
  }

  @Test
  void settlementCancelsAPendingClaimAndPaysPrincipalFirst() {
    sweep(MILLI.multiply(BigInteger.valueOf(60)));
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.valueOf(20)))));
    chain.control.advanceTime(Duration.ofHours(25));
    asBeneficiary(AbiCall.encode(Sig.FINALIZE_CLAIM_REWARDS));
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI.multiply(BigInteger.valueOf(5)))));
    BigInteger claimed = MILLI.multiply(BigInteger.valueOf(20));

    assertReverts(() -> chain.tx.send(chain.beneficiary, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(claimed))), "NotTreasury");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(claimed.subtract(BigInteger.ONE)))),
        "RewardsClaimedExceedGuard");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.CANCEL_SETTLEMENT)), "NoSettlementProposed");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.FINALIZE_SETTLEMENT)), "NoSettlementProposed");
    asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(claimed)));
    assertThat(uint("pendingClaimReadyAt()")).isZero();
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(claimed))),
        "SettlementAlreadyProposed");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI))),
        "SettlementPending");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.FINALIZE_SETTLEMENT)), "SettlementNotReady");
    asTreasury(AbiCall.encode(Sig.CANCEL_SETTLEMENT));
    asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(claimed)));

    sweep(ether(32).add(MILLI.multiply(BigInteger.valueOf(7))));   // exit proceeds arrive
    chain.control.advanceTime(Duration.ofMinutes(61));
    BigInteger beneficiaryBefore = chain.control.balance(chain.beneficiary.getAddress());
    asTreasury(AbiCall.encode(Sig.FINALIZE_SETTLEMENT));

    assertThat(uint(Sig.PHASE)).isEqualTo(BigInteger.ONE);
    assertThat(chain.control.balance(vault)).isZero();
    assertThat(uint(Sig.PRINCIPAL_CLAIMED_WEI)).isEqualTo(ether(32));
    BigInteger expectedToBeneficiary = MILLI.multiply(BigInteger.valueOf(47));   // 40 + 7 left after principal
    assertThat(chain.control.balance(chain.beneficiary.getAddress()).subtract(beneficiaryBefore))
        .isEqualTo(expectedToBeneficiary);
    assertThat(uint(Sig.REWARDS_CLAIMED_WEI)).isEqualTo(claimed.add(expectedToBeneficiary));
    assertConserved();

    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(1))), "WrongPhase");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(ether(100)))), "WrongPhase");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.FINALIZE_SETTLEMENT)), "WrongPhase");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.CANCEL_SETTLEMENT)), "WrongPhase");
  }

  @Test
  void shortfallIsBorneByTheBeneficiaryAndLateArrivalsDrainPrincipalFirstAfter90Days() {
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.DRAIN_REMAINDER)), "WrongPhase");
    sweep(ether(31));                                   // a slashed validator's exit: 1 CTN short
    asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(0)));
    chain.control.advanceTime(Duration.ofHours(2));
    asTreasury(AbiCall.encode(Sig.FINALIZE_SETTLEMENT));
    assertThat(uint(Sig.PRINCIPAL_CLAIMED_WEI)).isEqualTo(ether(31));
    assertThat(uint(Sig.REWARDS_CLAIMED_WEI)).isZero();
    assertConserved();

    chain.control.advanceTime(Duration.ofDays(90));
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.DRAIN_REMAINDER)), "NothingToDrain");
    sweep(ether(2));
    assertReverts(() -> chain.tx.send(chain.beneficiary, vault, BigInteger.ZERO, AbiCall.encode(Sig.DRAIN_REMAINDER)),
        "NotTreasury");
    asTreasury(AbiCall.encode(Sig.DRAIN_REMAINDER));
    assertThat(uint(Sig.PRINCIPAL_CLAIMED_WEI)).isEqualTo(ether(32));
    assertThat(uint(Sig.REWARDS_CLAIMED_WEI)).isEqualTo(ether(1));
    assertThat(chain.control.balance(chain.beneficiary.getAddress()).subtract(beneficiaryStart)).isEqualTo(ether(1));
    assertConserved();
  }

  @Test
  void drainWaitsNinetyDaysAfterSettlement() {
    sweep(ether(32));
    asTreasury(AbiCall.encode(Sig.PROPOSE_SETTLEMENT, AbiCall.uint256(0)));
    chain.control.advanceTime(Duration.ofHours(1));
    asTreasury(AbiCall.encode(Sig.FINALIZE_SETTLEMENT));
    sweep(MILLI);
    chain.control.advanceTime(Duration.ofDays(89));
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.DRAIN_REMAINDER)), "DrainTooEarly");
    chain.control.advanceTime(Duration.ofDays(1));
    asTreasury(AbiCall.encode(Sig.DRAIN_REMAINDER));
    assertThat(uint(Sig.REWARDS_CLAIMED_WEI)).isEqualTo(MILLI);
    assertConserved();
  }

  @Test
  void triggerValidatorExitSendsPubkeyAndZeroAmountToThePredeployFromTheVault() {
    assertThat(chain.ops.exitRequestFee(vault)).isEqualTo(BigInteger.ONE);
    assertReverts(() -> chain.tx.send(chain.treasury, vault, BigInteger.ONE, AbiCall.encode(Sig.TRIGGER_VALIDATOR_EXIT)),
        "NotTreasury");
    assertReverts(() -> chain.ops.triggerValidatorExit(vault, BigInteger.ZERO), "ExitRequestFailed");
    BigInteger routerBefore = chain.control.balance(chain.addresses.treasuryRouter());

    TransactionReceipt r = chain.ops.triggerValidatorExit(vault, BigInteger.ONE);

    Log request = r.getLogs().stream()
        .filter(l -> l.getAddress().equalsIgnoreCase(ReferenceContracts.EIP7002_PREDEPLOY)).findFirst().orElseThrow();
    assertThat(request.getTopics()).isEmpty();
    byte[] data = Numeric.hexStringToByteArray(request.getData());
    assertThat(data).hasSize(76);
    assertThat(Numeric.toHexString(Arrays.copyOfRange(data, 0, 20))).isEqualToIgnoringCase(vault);
    assertThat(Arrays.copyOfRange(data, 20, 68)).isEqualTo(pubkey);
    assertThat(Arrays.copyOfRange(data, 68, 76)).isEqualTo(new byte[8]);
    assertThat(uint("exitRequestCount()")).isEqualTo(BigInteger.ONE);
    assertThat(routerBefore.subtract(chain.control.balance(chain.addresses.treasuryRouter()))).isEqualTo(BigInteger.ONE);
    assertThat(chain.control.balance(vault)).isZero();
    principalDestinationStart = principalDestinationStart.subtract(BigInteger.ONE); // the router paid the fee
    assertConserved();
  }

  @Test
  void beneficiaryRotationNeedsTreasuryApprovalSevenDaysAndTheNewKey() {
    org.web3j.crypto.Credentials next = DevnetAccounts.account(9);
    String nextAddress = next.getAddress();
    org.web3j.abi.datatypes.Address nextArg = AbiCall.address(nextAddress);
    assertReverts(() -> chain.tx.send(chain.stranger, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.PROPOSE_BENEFICIARY, nextArg)), "NotBeneficiary");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.PROPOSE_BENEFICIARY,
        AbiCall.address(chain.beneficiary.getAddress()))), "InvalidBeneficiary");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.APPROVE_BENEFICIARY_ROTATION, nextArg)), "NoPendingBeneficiary");
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.CANCEL_BENEFICIARY_ROTATION)), "NoPendingBeneficiary");
    assertReverts(() -> chain.tx.send(next, vault, BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_BENEFICIARY)),
        "NoPendingBeneficiary");

    sweep(MILLI);
    asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI)));
    asBeneficiary(AbiCall.encode(Sig.PROPOSE_BENEFICIARY, nextArg));
    assertReverts(() -> chain.tx.send(chain.stranger, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.CANCEL_BENEFICIARY_ROTATION)), "NotTreasuryOrBeneficiary");
    assertReverts(() -> chain.tx.send(next, vault, BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_BENEFICIARY)),
        "BeneficiaryRotationNotApproved");
    assertReverts(() -> asTreasury(AbiCall.encode(Sig.APPROVE_BENEFICIARY_ROTATION,
        AbiCall.address(chain.stranger.getAddress()))), "PendingBeneficiaryMismatch");
    assertReverts(() -> chain.tx.send(chain.beneficiary, vault, BigInteger.ZERO,
        AbiCall.encode(Sig.APPROVE_BENEFICIARY_ROTATION, nextArg)), "NotTreasury");
    asTreasury(AbiCall.encode(Sig.APPROVE_BENEFICIARY_ROTATION, nextArg));
    assertReverts(() -> chain.tx.send(next, vault, BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_BENEFICIARY)),
        "BeneficiaryRotationNotReady");
    chain.control.advanceTime(Duration.ofDays(7));
    assertReverts(() -> chain.tx.send(chain.stranger, vault, BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_BENEFICIARY)),
        "NotPendingBeneficiary");
    chain.tx.send(next, vault, BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_BENEFICIARY));

    assertThat(AbiCall.addressResult(chain.tx.call(vault, AbiCall.encode(Sig.BENEFICIARY))))
        .isEqualToIgnoringCase(nextAddress);
    assertThat(uint("pendingClaimReadyAt()")).as("the old beneficiary's claim is cancelled").isZero();
    assertReverts(() -> asBeneficiary(AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI))),
        "NotBeneficiary");
    chain.tx.send(next, vault, BigInteger.ZERO, AbiCall.encode(Sig.INITIATE_CLAIM_REWARDS, AbiCall.uint256(MILLI)));
    assertConserved();
  }

  @Test
  void aBeneficiaryRotationCanBeCancelledByEitherSide() {
    org.web3j.abi.datatypes.Address nextArg = AbiCall.address(DevnetAccounts.account(9).getAddress());
    asBeneficiary(AbiCall.encode(Sig.PROPOSE_BENEFICIARY, nextArg));
    asTreasury(AbiCall.encode(Sig.CANCEL_BENEFICIARY_ROTATION));
    asBeneficiary(AbiCall.encode(Sig.PROPOSE_BENEFICIARY, nextArg));
    asTreasury(AbiCall.encode(Sig.APPROVE_BENEFICIARY_ROTATION, nextArg));
    asBeneficiary(AbiCall.encode(Sig.CANCEL_BENEFICIARY_ROTATION));
    chain.control.advanceTime(Duration.ofDays(8));
    assertReverts(() -> chain.tx.send(DevnetAccounts.account(9), vault, BigInteger.ZERO,
        AbiCall.encode(Sig.ACCEPT_BENEFICIARY)), "NoPendingBeneficiary");
  }
}
