package org.centurion.seatmanager.abi;

import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.utils.Numeric;

/**
 * Signatures and calldata of the calls the treasury makes through {@code TreasuryRouter.execute}
 * and of the events that prove them: one definition shared by the seat lifecycle, the executor's
 * re-derivation and the signer's policy.
 */
public final class TreasuryAbi {
  // TreasuryRouter
  public static final String EXECUTE = "execute(address,uint256,bytes)";
  public static final String PROPOSE_SIGNER_ROTATION = "proposeSignerRotation(address)";
  public static final String EVENT_EXECUTED = "Executed(address,address,uint256,bytes4)";
  // VaultFactory
  public static final String DEPLOY_VAULT = "deployVault(bytes,address)";
  public static final String EVENT_VAULT_DEPLOYED = "VaultDeployed(bytes32,address,address)";
  // DepositContractCTN
  public static final String DEPOSIT = "deposit(bytes,bytes,bytes,bytes32)";
  public static final String ADD_ALLOWED_DEPOSIT_FOR = "addAllowedDepositFor(bytes,bytes,uint64,address)";
  public static final String REMOVE_ALLOWED_DEPOSIT_FOR = "removeAllowedDepositFor(bytes,bytes,uint64,address)";
  public static final String EVENT_DEPOSIT = "DepositEvent(bytes,bytes,bytes,bytes,bytes)";
  public static final String EVENT_INTENT_ALLOWED = "DepositIntentAllowedFor(bytes32,address,bytes,bytes,uint64,uint256)";
  public static final String EVENT_INTENT_REMOVED = "DepositIntentRemovedFor(bytes32,address)";
  // WithdrawalVault
  public static final String TRIGGER_VALIDATOR_EXIT = "triggerValidatorExit()";
  public static final String PROPOSE_SETTLEMENT = "proposeSettlement(uint256)";
  public static final String FINALIZE_SETTLEMENT = "finalizeSettlement()";
  public static final String CANCEL_SETTLEMENT = "cancelSettlement()";
  public static final String EVENT_VALIDATOR_EXIT_REQUESTED = "ValidatorExitRequested(bytes,uint256)";
  public static final String EVENT_SETTLEMENT_PROPOSED = "SettlementProposed(uint256,uint256)";
  public static final String EVENT_SETTLEMENT_FINALIZED = "SettlementFinalized(uint256,uint256)";
  public static final String EVENT_SETTLEMENT_CANCELLED = "SettlementCancelled()";

  /** A seat's deposit: exactly 32 CTN, the only amount the deposit contract accepts in phase 1. */
  public static final BigInteger SEAT_DEPOSIT_WEI = new BigInteger("32000000000000000000");
  public static final long SEAT_DEPOSIT_GWEI = 32_000_000_000L;
  public static final int PUBKEY_BYTES = 48;
  /** The EIP-7002 withdrawal-request predeploy every vault's exit request pays. */
  public static final String EIP7002_PREDEPLOY = "0x00000961ef480eb55e80d19ad83579a64c007002";
  public static final int SIGNATURE_BYTES = 96;

  private TreasuryAbi() {}

  /** The router's own calldata for forwarding {@code data} with {@code valueWei} to {@code target}. */
  public static String execute(String target, BigInteger valueWei, String data) {
    return Abi.encode(EXECUTE, new Address(target), new Uint256(valueWei), new DynamicBytes(Numeric.hexStringToByteArray(data)));
  }

  public static String deployVault(byte[] pubkey, String beneficiary) {
    return Abi.encode(DEPLOY_VAULT, new DynamicBytes(pubkey), new Address(beneficiary));
  }

  public static String addAllowedDepositFor(byte[] pubkey, byte[] credentials, long amountGwei, String depositor) {
    return Abi.encode(ADD_ALLOWED_DEPOSIT_FOR, new DynamicBytes(pubkey), new DynamicBytes(credentials),
        new Uint64(BigInteger.valueOf(amountGwei)), new Address(depositor));
  }

  public static String removeAllowedDepositFor(byte[] pubkey, byte[] credentials, long amountGwei, String depositor) {
    return Abi.encode(REMOVE_ALLOWED_DEPOSIT_FOR, new DynamicBytes(pubkey), new DynamicBytes(credentials),
        new Uint64(BigInteger.valueOf(amountGwei)), new Address(depositor));
  }

  public static String deposit(byte[] pubkey, byte[] credentials, byte[] signature, byte[] depositDataRoot) {
    return Abi.encode(DEPOSIT, new DynamicBytes(pubkey), new DynamicBytes(credentials), new DynamicBytes(signature),
        new Bytes32(depositDataRoot));
  }

  public static String triggerValidatorExit() {
    return Abi.encode(TRIGGER_VALIDATOR_EXIT);
  }

  public static String proposeSettlement(BigInteger maxRewardsClaimedWei) {
    return Abi.encode(PROPOSE_SETTLEMENT, new Uint256(maxRewardsClaimedWei));
  }

  public static String finalizeSettlement() {
    return Abi.encode(FINALIZE_SETTLEMENT);
  }

  public static String cancelSettlement() {
    return Abi.encode(CANCEL_SETTLEMENT);
  }

  public static String proposeSignerRotation(String proposed) {
    return Abi.encode(PROPOSE_SIGNER_ROTATION, new Address(proposed));
  }
}
