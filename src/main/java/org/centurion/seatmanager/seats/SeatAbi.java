package org.centurion.seatmanager.seats;

import java.math.BigInteger;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.abi.TreasuryAbi;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;

/**
 * The slice of the contracts' ABI the seat lifecycle drives: calldata for the treasury's calls,
 * the views it checks, the events it takes as evidence. The treasury calls' signatures and the
 * encoding itself live in {@code abi} (one home, shared with the signer's policy).
 */
public final class SeatAbi {
  // DepositContractCTN
  static final String DEPOSIT = TreasuryAbi.DEPOSIT;
  static final String ALLOWLIST_ADMIN = "allowlistAdmin()";
  static final String ALLOWLIST_EPOCH = "allowlistEpoch()";
  static final String ADD_ALLOWED_DEPOSIT_FOR = TreasuryAbi.ADD_ALLOWED_DEPOSIT_FOR;
  static final String REMOVE_ALLOWED_DEPOSIT_FOR = TreasuryAbi.REMOVE_ALLOWED_DEPOSIT_FOR;
  static final String IS_ALLOWED_DEPOSIT_INTENT_FOR = "isAllowedDepositIntentFor(bytes,bytes,uint64,address)";
  static final String DEPOSIT_INTENT_HASH = "depositIntentHash(bytes,bytes,uint64,address,uint256)";
  static final String CONSUMED_INTENTS = "consumedIntents(bytes32)";
  static final String PHASE1_VALIDATOR_ACTIVATED = "phase1ValidatorActivated(bytes32)";
  static final String EVENT_INTENT_ALLOWED = TreasuryAbi.EVENT_INTENT_ALLOWED;
  static final String EVENT_INTENT_REMOVED = TreasuryAbi.EVENT_INTENT_REMOVED;
  // VaultFactory
  static final String DEPLOY_VAULT = TreasuryAbi.DEPLOY_VAULT;
  static final String IS_VAULT = "isVault(address)";
  static final String VAULT_BY_PUBKEY_HASH = "vaultByValidatorPubkeyHash(bytes32)";
  static final String PREDICT_VAULT = "predictVault(bytes,address)";
  static final String EVENT_VAULT_DEPLOYED = TreasuryAbi.EVENT_VAULT_DEPLOYED;
  // WithdrawalVault
  static final String VAULT_FACTORY = "factory()";
  static final String VAULT_TREASURY = "treasury()";
  static final String VAULT_PRINCIPAL_DESTINATION = "principalDestination()";
  static final String VAULT_PRINCIPAL_TARGET = "principalTargetWei()";
  static final String VALIDATOR_PUBKEY_HASH = "validatorPubkeyHash()";
  static final String EXECUTION_WITHDRAWAL_CREDENTIALS = "executionWithdrawalCredentials()";
  static final String BENEFICIARY = "beneficiary()";
  static final String REWARDS_CLAIMED_WEI = "rewardsClaimedWei()";
  static final String SETTLEMENT_READY_AT = "settlementReadyAt()";
  static final String PHASE = "phase()";
  static final String PROPOSE_SETTLEMENT = TreasuryAbi.PROPOSE_SETTLEMENT;
  static final String FINALIZE_SETTLEMENT = TreasuryAbi.FINALIZE_SETTLEMENT;
  static final String TRIGGER_VALIDATOR_EXIT = TreasuryAbi.TRIGGER_VALIDATOR_EXIT;
  static final String CURRENT_EXIT_REQUEST_FEE_WEI = "currentExitRequestFeeWei()";
  static final String EVENT_SETTLEMENT_PROPOSED = TreasuryAbi.EVENT_SETTLEMENT_PROPOSED;
  static final String EVENT_SETTLEMENT_FINALIZED = TreasuryAbi.EVENT_SETTLEMENT_FINALIZED;
  static final String EVENT_VALIDATOR_EXIT_REQUESTED = TreasuryAbi.EVENT_VALIDATOR_EXIT_REQUESTED;

  public static final BigInteger SEAT_DEPOSIT_WEI = TreasuryAbi.SEAT_DEPOSIT_WEI;
  public static final long SEAT_DEPOSIT_GWEI = TreasuryAbi.SEAT_DEPOSIT_GWEI;

  private SeatAbi() {}

  static String encode(String signature, Type<?>... args) {
    return Abi.encode(signature, args);
  }

  static String selector(String signature) {
    return Abi.selector(signature);
  }

  static String topic(String eventSignature) {
    return Abi.topic(eventSignature);
  }

  static Address address(String hex) {
    return new Address(hex);
  }

  static DynamicBytes bytes(byte[] b) {
    return new DynamicBytes(b);
  }

  static Bytes32 bytes32(byte[] b) {
    return new Bytes32(b);
  }

  static Uint256 uint256(BigInteger v) {
    return new Uint256(v);
  }

  static Uint64 uint64(long v) {
    return new Uint64(BigInteger.valueOf(v));
  }

  /** The n-th 32-byte word of ABI data as an unsigned integer. */
  static BigInteger word(byte[] data, int n) {
    return Abi.word(data, n);
  }

  static String wordAsAddress(byte[] data, int n) {
    return Abi.wordAsAddress(data, n);
  }

  static byte[] wordBytes(byte[] data, int n) {
    return Abi.wordBytes(data, n);
  }

  /** The index-th field, of type {@code bytes}, of ABI data holding a tuple. */
  static byte[] dynamicBytes(byte[] data, int index) {
    return Abi.dynamicBytes(data, index);
  }
}
