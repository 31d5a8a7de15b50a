package org.centurion.seatmanager.operator;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.seats.Seat;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The beneficiary's own reward-claim transactions for their vault, prepared for their wallet: the
 * seat manager never signs them (they are {@code onlyBeneficiary} on the vault). An amount is offered
 * only when the vault's own rules would take it now: not while the principal could be in the vault,
 * within the 30-day cap, within the balance, with no claim pending or settlement started.
 */
public final class ClaimCalls {
  public static final String CLAIM_NOT_ALLOWED = "CLAIM_NOT_ALLOWED";
  public static final String INVALID_AMOUNT = "INVALID_AMOUNT";
  public static final String INITIATE = "initiateClaimRewards(uint256)";
  public static final String FINALIZE = "finalizeClaimRewards()";
  public static final String CANCEL = "cancelClaimRewards()";

  private ClaimCalls() {}

  /** {@code eth_sendTransaction} parameters from the beneficiary to the vault, and what was checked. */
  public static Map<String, Object> prepare(Seat seat, VaultClaimView.Snapshot vault, String action, String amountWei) {
    String data;
    switch (action) {
      case "initiate" -> {
        BigInteger amount = amount(amountWei);
        BigInteger claimable = vault.claimableNowWei();
        if (amount.compareTo(claimable) > 0) {
          throw new Problem(ProblemKind.CONFLICT, CLAIM_NOT_ALLOWED, "the vault would refuse this claim now: at most "
              + claimable + " wei may be claimed", List.of(Map.of("claimableNowWei", claimable.toString(),
                  "principalProtection", vault.state().balance().compareTo(vault.principalTargetWei()) >= 0,
                  "pendingClaim", vault.state().claimPending())));
        }
        data = Abi.encode(INITIATE, new Uint256(amount));
      }
      case "finalize" -> {
        if (!vault.pendingClaimReady()) {
          throw Problem.conflict(CLAIM_NOT_ALLOWED, vault.state().claimPending()
              ? "the pending claim is not ready until " + java.time.Instant.ofEpochSecond(vault.state().pendingClaimReadyAt())
              : "there is no pending claim");
        }
        data = Abi.encode(FINALIZE);
      }
      case "cancel" -> {
        if (!vault.state().claimPending()) {
          throw Problem.conflict(CLAIM_NOT_ALLOWED, "there is no pending claim");
        }
        data = Abi.encode(CANCEL);
      }
      default -> throw Problem.badRequest(INVALID_AMOUNT, "action is initiate, finalize or cancel");
    }
    Map<String, Object> tx = new LinkedHashMap<>();
    tx.put("from", seat.beneficiary());
    tx.put("to", seat.vaultAddress());
    tx.put("value", "0x0");
    tx.put("data", data);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", action);
    m.put("transaction", tx);
    m.put("vault", VaultClaimView.view(vault));
    return m;
  }

  private static BigInteger amount(String wei) {
    if (wei == null || !wei.matches("[1-9][0-9]{0,77}")) {
      throw Problem.badRequest(INVALID_AMOUNT, "amountWei is a positive whole number of wei");
    }
    return new BigInteger(wei);
  }
}
