package org.centurion.seatmanager.seats;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.abi.TreasuryAbi;
import org.centurion.seatmanager.abi.TreasuryCall;
import org.centurion.seatmanager.abi.VaultDerivation;
import org.centurion.seatmanager.deposit.DepositDataEntry;
import org.centurion.seatmanager.ops.ExpectedCall;
import org.centurion.seatmanager.ops.ExpectedCall.AllowedTransfer;
import org.centurion.seatmanager.ops.ExpectedCall.ExpectedEvent;
import org.centurion.seatmanager.ops.ExpectedCalls;
import org.centurion.seatmanager.ops.GuardRefusal;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.RouterCall;
import org.centurion.seatmanager.signing.SigningJustification;
import org.jdbi.v3.core.Jdbi;
import org.web3j.utils.Numeric;

/**
 * Rebuilds a seat operation's router call from the seat (or seat-request) row, the stored deposit
 * data and the configured addresses, never from the operation row; the vault and its credentials
 * come from {@link VaultDerivation}, so an edited vault address or credentials column is caught too.
 * Two arguments cannot be rebuilt from the rows and are taken from the operation, bounded: the exit
 * fee (at most {@code SEAT_MANAGER_MAX_EXIT_FEE_WEI}; the EIP-7002 fee moves with demand) and the
 * settlement's front-running guard (it limits what the beneficiary may have claimed; it moves no
 * treasury money).
 */
public final class SeatExpectedCalls implements ExpectedCalls {
  private final Jdbi jdbi;
  private final SeatStore store;
  private final SeatDepositData depositData;
  private final SeatChainSettings chain;
  private final VaultDerivation vaults;

  SeatExpectedCalls(Jdbi jdbi, SeatStore store, SeatDepositData depositData, SeatChainSettings chain, VaultDerivation vaults) {
    this.jdbi = jdbi;
    this.store = store;
    this.depositData = depositData;
    this.chain = chain;
    this.vaults = vaults;
  }

  @Override
  public ExpectedCall expected(Operation op) {
    if (op.kind() == org.centurion.seatmanager.ops.OperationKind.DEPLOY_VAULT) {
      SeatStore.SeatRequest r = jdbi.withHandle(h -> store.requestForOperation(h, op.id())).orElseThrow(
          () -> refuse("DEPLOY_VAULT operation " + op.id() + " has no seat request"));
      byte[] pubkey = Numeric.hexStringToByteArray(r.pubkey());
      String vault = vaults.vaultFor(pubkey, r.beneficiary());
      return new ExpectedCall(new RouterCall(chain.vaultFactory(), BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, r.beneficiary())),
          SigningJustification.of(pubkey, r.beneficiary()),
          List.of(new ExpectedEvent("VaultDeployed", chain.vaultFactory(), List.of(Abi.topic(TreasuryAbi.EVENT_VAULT_DEPLOYED),
              Numeric.toHexString(VaultDerivation.sha256(pubkey)), word(vault), word(r.beneficiary())), List.of())),
          List.of());
    }
    long seatId = op.seatId().orElseThrow(() -> refuse("operation " + op.id() + " (" + op.kind() + ") names no seat"));
    Seat seat = jdbi.withHandle(h -> store.find(h, seatId)).orElseThrow(() -> refuse("seat " + seatId + " does not exist"));
    byte[] pubkey = Numeric.hexStringToByteArray(seat.pubkey());
    String vault = vaults.vaultFor(pubkey, seat.beneficiary());
    if (!vault.equals(seat.vaultAddress().toLowerCase(java.util.Locale.ROOT))) {
      throw refuse("seat " + seatId + " names vault " + seat.vaultAddress() + ", but our factory's vault for its pubkey and "
          + "beneficiary is " + vault);
    }
    byte[] wc = VaultDerivation.credentialsOf(vault);
    SigningJustification why = SigningJustification.of(pubkey, seat.beneficiary());
    String router = chain.router();
    return switch (op.kind()) {
      case ADD_ALLOWLIST_INTENT -> new ExpectedCall(new RouterCall(chain.depositContract(), BigInteger.ZERO,
          TreasuryAbi.addAllowedDepositFor(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, router)), why,
          List.of(new ExpectedEvent("DepositIntentAllowedFor", chain.depositContract(),
              List.of(Abi.topic(TreasuryAbi.EVENT_INTENT_ALLOWED)), List.of())), List.of());
      case REMOVE_ALLOWLIST_INTENT -> new ExpectedCall(new RouterCall(chain.depositContract(), BigInteger.ZERO,
          TreasuryAbi.removeAllowedDepositFor(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, router)), why,
          List.of(new ExpectedEvent("DepositIntentRemovedFor", chain.depositContract(),
              List.of(Abi.topic(TreasuryAbi.EVENT_INTENT_REMOVED)), List.of())), List.of());
      case DEPOSIT -> deposit(seatId, pubkey, wc, why);
      case TRIGGER_EXIT -> {
        BigInteger fee = op.call().valueWei();
        if (fee.compareTo(chain.maxExitFeeWei()) > 0) {
          throw refuse("the exit fee " + fee + " wei exceeds SEAT_MANAGER_MAX_EXIT_FEE_WEI " + chain.maxExitFeeWei());
        }
        yield new ExpectedCall(new RouterCall(vault, fee, TreasuryAbi.triggerValidatorExit()), why,
            List.of(new ExpectedEvent("ValidatorExitRequested", vault, List.of(Abi.topic(TreasuryAbi.EVENT_VALIDATOR_EXIT_REQUESTED)),
                List.of(pubkey))),
            List.of(new AllowedTransfer(router, vault, Optional.of(fee)),
                new AllowedTransfer(vault, TreasuryAbi.EIP7002_PREDEPLOY, Optional.of(fee))));
      }
      case PROPOSE_SETTLEMENT -> {
        TreasuryCall stored = TreasuryCall.decode(Numeric.hexStringToByteArray(op.call().calldata()));
        if (!(stored instanceof TreasuryCall.ProposeSettlement p)) {
          throw new GuardRefusal(GuardRefusal.Code.STORED_CALL_DIFFERS, "operation " + op.id() + " is not a proposeSettlement call");
        }
        yield new ExpectedCall(new RouterCall(vault, BigInteger.ZERO, TreasuryAbi.proposeSettlement(p.maxRewardsClaimedWei())), why,
            List.of(new ExpectedEvent("SettlementProposed", vault, List.of(Abi.topic(TreasuryAbi.EVENT_SETTLEMENT_PROPOSED)), List.of())),
            List.of());
      }
      case FINALIZE_SETTLEMENT -> new ExpectedCall(new RouterCall(vault, BigInteger.ZERO, TreasuryAbi.finalizeSettlement()), why,
          List.of(new ExpectedEvent("SettlementFinalized", vault, List.of(Abi.topic(TreasuryAbi.EVENT_SETTLEMENT_FINALIZED)), List.of())),
          // Settlement pays the vault's own balance out, principal first: to the configured
          // principal destination and to this seat's beneficiary, nowhere else.
          List.of(new AllowedTransfer(vault, chain.principalDestination(), Optional.empty()),
              new AllowedTransfer(vault, seat.beneficiary(), Optional.empty())));
      case DEPLOY_VAULT -> throw refuse("unreachable");
    };
  }

  private ExpectedCall deposit(long seatId, byte[] pubkey, byte[] wc, SigningJustification why) {
    String file = jdbi.withHandle(h -> store.depositData(h, seatId)).orElseThrow(
        () -> refuse("seat " + seatId + " has no stored deposit data"));
    DepositDataEntry entry = depositData.storedEntry(file);
    if (!Arrays.equals(entry.pubkey(), pubkey) || !Arrays.equals(entry.withdrawalCredentials(), wc)
        || entry.amountGwei() != TreasuryAbi.SEAT_DEPOSIT_GWEI) {
      throw refuse("the stored deposit data of seat " + seatId + " is not for this pubkey, our vault's credentials and 32 CTN");
    }
    byte[] amountLe = new byte[8];
    java.nio.ByteBuffer.wrap(amountLe).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(TreasuryAbi.SEAT_DEPOSIT_GWEI);
    return new ExpectedCall(new RouterCall(chain.depositContract(), TreasuryAbi.SEAT_DEPOSIT_WEI,
        TreasuryAbi.deposit(pubkey, wc, entry.signature(), entry.depositDataRoot())), why,
        List.of(new ExpectedEvent("DepositEvent", chain.depositContract(), List.of(Abi.topic(TreasuryAbi.EVENT_DEPOSIT)),
            List.of(pubkey, wc, amountLe, entry.signature()))),
        List.of(new AllowedTransfer(chain.router(), chain.depositContract(), Optional.of(TreasuryAbi.SEAT_DEPOSIT_WEI))));
  }

  private static String word(String address) {
    return "0x" + "0".repeat(24) + Numeric.cleanHexPrefix(address).toLowerCase(java.util.Locale.ROOT);
  }

  private static GuardRefusal refuse(String message) {
    return new GuardRefusal(GuardRefusal.Code.CALL_NOT_REDERIVABLE, message);
  }
}
