package org.centurion.seatmanager.ops;

import java.util.List;
import org.centurion.seatmanager.chain.ContractRevertedException;
import org.centurion.seatmanager.chain.RevertDecoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * Readable reasons for reverts of calls through the router. The router wraps its target's revert in
 * {@code CallFailed(bytes)}, so that payload is decoded again to name the target's own error.
 */
public final class RevertReasons {
  /** The custom errors of every contract the treasury drives (deposit contract, factory, vault, router). */
  public static final List<String> KNOWN_ERRORS = List.of(
      "DepositDataRootMismatch()", "DepositIntentAlreadyAllowed()", "DepositIntentAlreadyConsumed()",
      "DepositIntentNotAllowlisted()", "InvalidAddress()", "InvalidAllowedDepositAmount()", "InvalidAuthorizedDepositor()",
      "NoPendingTransfer()", "NonCanonicalWithdrawalCredentials()", "NotAllowlistAdmin()", "NotOwner()",
      "NotPendingAllowlistAdmin()", "NotPendingOwner()", "Phase1DepositMustBeExactly32CTN()", "ValidatorAlreadyActivated()",
      "VaultNotFactoryRegistered()", "VaultPubkeyBindingMismatch()", "WithdrawalCredentialsMustBeExecutionAddress()",
      "CallFailed(bytes)", "InvalidSigner()", "NoPendingRotation()", "NotActiveSigner()", "NotPendingSigner()",
      "RotationNotReady(uint256)", "InvalidBeneficiary()", "InvalidPubkeyLength()", "NotRouter()",
      "VaultAlreadyExists(address)", "ClaimAlreadyPending()", "ClaimExceedsPeriodCap(uint256)", "ClaimNotReady(uint256)",
      "DrainTooEarly(uint256)", "ExitFeeUnavailable()", "ExitRequestFailed()", "InsufficientBalance()", "InvalidClaimAmount()",
      "InvalidClaimDelay()", "InvalidPrincipalDestination()", "InvalidPrincipalTarget()", "NoPendingClaim()",
      "NoSettlementProposed()", "NotBeneficiary()", "NotTreasury()", "NothingToDrain()", "PrincipalProtectionActive()",
      "RewardsClaimedExceedGuard(uint256,uint256)", "SettlementAlreadyProposed()", "SettlementNotReady(uint256)",
      "SettlementPending()", "TransferFailed()", "WrongPhase()");

  private static final String CALL_FAILED = RevertDecoder.selector("CallFailed(bytes)");
  private static final int MAX_DEPTH = 3;

  private final RevertDecoder decoder = new RevertDecoder(KNOWN_ERRORS);

  public String describe(ContractRevertedException e) {
    return e.revertData().map(d -> describe(d, 0)).orElse("reverted: " + e.getMessage());
  }

  public String describe(String revertData) {
    return describe(revertData, 0);
  }

  private String describe(String data, int depth) {
    if (depth < MAX_DEPTH && data != null && data.toLowerCase(java.util.Locale.ROOT).startsWith(CALL_FAILED)) {
      try {
        @SuppressWarnings({"rawtypes", "unchecked"})
        List<Type> inner = FunctionReturnDecoder.decode("0x" + data.substring(10), (List) List.of(new TypeReference<DynamicBytes>() {}));
        if (inner.size() == 1) {
          return "the router's call failed: " + describe(Numeric.toHexString(((DynamicBytes) inner.get(0)).getValue()), depth + 1);
        }
      } catch (RuntimeException undecodable) {
        // fall through to the plain decoder, which describes malformed data without throwing
      }
    }
    return decoder.decode(data);
  }
}
