package org.centurion.seatmanager.seats;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The slice of the contracts' ABI the seat lifecycle drives: calldata for the treasury's calls,
 * the views it checks, the events it takes as evidence.
 */
public final class SeatAbi {
  // DepositContractCTN
  static final String DEPOSIT = "deposit(bytes,bytes,bytes,bytes32)";
  static final String ALLOWLIST_ADMIN = "allowlistAdmin()";
  static final String ALLOWLIST_EPOCH = "allowlistEpoch()";
  static final String ADD_ALLOWED_DEPOSIT_FOR = "addAllowedDepositFor(bytes,bytes,uint64,address)";
  static final String REMOVE_ALLOWED_DEPOSIT_FOR = "removeAllowedDepositFor(bytes,bytes,uint64,address)";
  static final String IS_ALLOWED_DEPOSIT_INTENT_FOR = "isAllowedDepositIntentFor(bytes,bytes,uint64,address)";
  static final String DEPOSIT_INTENT_HASH = "depositIntentHash(bytes,bytes,uint64,address,uint256)";
  static final String CONSUMED_INTENTS = "consumedIntents(bytes32)";
  static final String PHASE1_VALIDATOR_ACTIVATED = "phase1ValidatorActivated(bytes32)";
  static final String EVENT_INTENT_ALLOWED = "DepositIntentAllowedFor(bytes32,address,bytes,bytes,uint64,uint256)";
  static final String EVENT_INTENT_REMOVED = "DepositIntentRemovedFor(bytes32,address)";
  // VaultFactory
  static final String DEPLOY_VAULT = "deployVault(bytes,address)";
  static final String IS_VAULT = "isVault(address)";
  static final String VAULT_BY_PUBKEY_HASH = "vaultByValidatorPubkeyHash(bytes32)";
  static final String PREDICT_VAULT = "predictVault(bytes,address)";
  static final String EVENT_VAULT_DEPLOYED = "VaultDeployed(bytes32,address,address)";
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
  static final String PROPOSE_SETTLEMENT = "proposeSettlement(uint256)";
  static final String FINALIZE_SETTLEMENT = "finalizeSettlement()";
  static final String TRIGGER_VALIDATOR_EXIT = "triggerValidatorExit()";
  static final String CURRENT_EXIT_REQUEST_FEE_WEI = "currentExitRequestFeeWei()";
  static final String EVENT_SETTLEMENT_PROPOSED = "SettlementProposed(uint256,uint256)";
  static final String EVENT_SETTLEMENT_FINALIZED = "SettlementFinalized(uint256,uint256)";
  static final String EVENT_VALIDATOR_EXIT_REQUESTED = "ValidatorExitRequested(bytes,uint256)";

  public static final BigInteger SEAT_DEPOSIT_WEI = new BigInteger("32000000000000000000");
  public static final long SEAT_DEPOSIT_GWEI = 32_000_000_000L;

  private SeatAbi() {}

  static String encode(String signature, Type<?>... args) {
    String params = args.length == 0 ? "" : FunctionEncoder.encodeConstructor(Arrays.asList(args));
    return selector(signature) + Numeric.cleanHexPrefix(params);
  }

  static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 0, 4, true);
  }

  static String topic(String eventSignature) {
    return Numeric.toHexString(Hash.sha3(eventSignature.getBytes(StandardCharsets.US_ASCII)));
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
    if (data.length < 32 * (n + 1)) {
      throw new IllegalArgumentException("ABI data has " + data.length + " bytes, word " + n + " asked");
    }
    return new BigInteger(1, Arrays.copyOfRange(data, 32 * n, 32 * (n + 1)));
  }

  static String wordAsAddress(byte[] data, int n) {
    return Numeric.toHexStringWithPrefixZeroPadded(word(data, n), 40);
  }

  static byte[] wordBytes(byte[] data, int n) {
    return Arrays.copyOfRange(data, 32 * n, 32 * (n + 1));
  }

  /** The index-th field, of type {@code bytes}, of ABI data holding a tuple. */
  static byte[] dynamicBytes(byte[] data, int index) {
    int offset = word(data, index).intValueExact();
    int length = new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32)).intValueExact();
    return Arrays.copyOfRange(data, offset + 32, offset + 32 + length);
  }
}
