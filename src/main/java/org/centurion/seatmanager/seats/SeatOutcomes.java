package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.DepositEventLog;
import org.centurion.seatmanager.ops.NewOperation;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationOutcomes;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.RouterCall;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The chain's verdict on seat operations, applied inside the transaction that records it: a seat
 * moves only on the event its transaction emitted, checked against what the seat expects. A
 * confirmed transaction without the expected event moves the seat to EXCEPTION, never forward.
 */
public final class SeatOutcomes implements OperationOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(SeatOutcomes.class);
  static final String ACTOR = "chain";

  private final SeatStore store;
  private final SeatTransitions transitions;
  private final OperationService operations;
  private final SeatChain chain;
  private final org.jdbi.v3.core.Jdbi jdbi;
  private final Optional<FrontRunCheck> frontRun;
  private final Optional<BeaconReads> beacon;
  private final AlertService alerts;

  public SeatOutcomes(SeatStore store, SeatTransitions transitions, OperationService operations, SeatChain chain,
      org.jdbi.v3.core.Jdbi jdbi, Optional<FrontRunCheck> frontRun, Optional<BeaconReads> beacon, AlertService alerts) {
    this.beacon = beacon;
    this.alerts = alerts;
    this.store = store;
    this.transitions = transitions;
    this.operations = operations;
    this.chain = chain;
    this.jdbi = jdbi;
    this.frontRun = frontRun;
  }

  /**
   * The front-running check, asked again immediately before the deposit is signed: a DepositEvent
   * for this pubkey in the contract's history, or the validator already on the beacon chain, means
   * someone else deposited; the treasury's 32 CTN must not follow.
   */
  @Override
  public Optional<String> refusalBeforeSigning(Operation op) {
    if (op.kind() == OperationKind.TRIGGER_EXIT && op.seatId().isPresent()) {
      return exitRefusal(op);
    }
    if (op.kind() != OperationKind.DEPOSIT || op.seatId().isEmpty()) {
      return Optional.empty();
    }
    if (frontRun.isEmpty()) {
      return Optional.of(FRONT_RUN + ": no beacon endpoint is configured, so the front-running check cannot be made");
    }
    String pubkey = jdbi.withHandle(h -> store.find(h, op.seatId().get())).map(Seat::pubkey)
        .orElseThrow(() -> new IllegalStateException("DEPOSIT operation " + op.id() + " has no seat"));
    List<String> findings = frontRun.get().findings(pubkey);
    return findings.isEmpty() ? Optional.empty() : Optional.of(FRONT_RUN + ": " + String.join("; ", findings));
  }

  static final String FRONT_RUN = ErrorCodes.DEPOSIT_FRONT_RUN;
  static final String EXIT_REFUSED = "EXIT_REFUSED";

  /**
   * The beacon chain asked again immediately before an exit request is signed, on every endpoint:
   * while they disagree (or one cannot answer) nothing is signed and the operation waits (a chain
   * exception defers it); a validator that may not exit (not active, too young for {@code
   * SHARD_COMMITTEE_PERIOD}) refuses it, because the consensus layer would drop the request and keep the fee.
   */
  private Optional<String> exitRefusal(Operation op) {
    if (beacon.isEmpty()) {
      return Optional.of(EXIT_REFUSED + ": no beacon endpoint is configured, so the validator cannot be checked");
    }
    String pubkey = jdbi.withHandle(h -> store.find(h, op.seatId().get())).map(Seat::pubkey)
        .orElseThrow(() -> new IllegalStateException("TRIGGER_EXIT operation " + op.id() + " has no seat"));
    BeaconReads.ExitReadiness ready;
    try {
      Optional<BeaconReads.ExitReadiness> r = beacon.get().exitReadiness(pubkey);
      if (r.isEmpty()) {
        return Optional.of(EXIT_REFUSED + ": the beacon chain does not know the validator");
      }
      ready = r.get();
    } catch (BeaconReads.BeaconDisagreementException e) {
      throw new org.centurion.seatmanager.chain.ChainException(org.centurion.seatmanager.chain.ChainErrorCode.ENDPOINTS_DISAGREE,
          "exit not signed while beacon endpoints disagree: " + e.getMessage());
    } catch (BeaconReads.BeaconUnavailableException e) {
      throw new org.centurion.seatmanager.chain.ChainException(org.centurion.seatmanager.chain.ChainErrorCode.ENDPOINT_UNAVAILABLE,
          "exit not signed: " + e.getMessage());
    }
    if (!ready.validator().status().equals("active_ongoing")) {
      return Optional.of(EXIT_REFUSED + ": the validator is " + ready.validator().status() + ", not active_ongoing");
    }
    long firstAllowed = ready.validator().activationEpoch() + ready.shardCommitteePeriod();
    if (ready.currentEpoch() < firstAllowed) {
      return Optional.of(EXIT_REFUSED + ": the validator may exit from epoch " + firstAllowed + "; the current epoch is "
          + ready.currentEpoch());
    }
    return Optional.empty();
  }

  @Override
  public void confirmed(Handle tx, Operation op, TransactionReceipt receipt) {
    switch (op.kind()) {
      case DEPLOY_VAULT -> vaultDeployed(tx, op, receipt);
      case ADD_ALLOWLIST_INTENT -> intentAllowed(tx, op, receipt);
      case DEPOSIT -> deposited(tx, op, receipt);
      case REMOVE_ALLOWLIST_INTENT -> intentRemoved(tx, op, receipt);
      case TRIGGER_EXIT -> exitRequested(tx, op, receipt);
      case PROPOSE_SETTLEMENT -> settlementProposed(tx, op, receipt);
      case FINALIZE_SETTLEMENT -> settlementFinalized(tx, op, receipt);
    }
  }

  /** A failed operation leaves the seat where it was; a failed vault deployment closes its request. */
  @Override
  public void failed(Handle tx, Operation op, String reason) {
    if (op.kind() == OperationKind.DEPOSIT && op.seatId().isPresent() && reason.contains(FRONT_RUN)) {
      // The deposit watcher may have seen the other deposit first and flagged the seat already.
      Seat seat = seatOf(tx, op);
      if (seat.state().canMoveTo(SeatState.EXCEPTION)) {
        transitions.toException(tx, seat.id(), reason, Evidence.offChain(reason, ACTOR));
      }
    }
    if (op.kind() == OperationKind.DEPLOY_VAULT) {
      store.requestForOperation(tx, op.id()).ifPresent(r -> store.closeRequest(tx, r.id(), "FAILED", reason));
    }
    LOG.warn("seat operation {} ({}) failed: {}", op.id(), op.kind(), reason);
  }

  private void vaultDeployed(Handle tx, Operation op, TransactionReceipt receipt) {
    SeatStore.SeatRequest r = store.requestForOperation(tx, op.id()).orElseThrow(
        () -> new IllegalStateException("DEPLOY_VAULT operation " + op.id() + " has no seat request"));
    if (!r.status().equals("PENDING")) {
      return;
    }
    byte[] pubkey = Numeric.hexStringToByteArray(r.pubkey());
    Optional<Log> event = log(receipt, chain.settings().vaultFactory(), SeatAbi.EVENT_VAULT_DEPLOYED)
        .filter(l -> Arrays.equals(Numeric.hexStringToByteArray(l.getTopics().get(1)), SeatChain.sha256(pubkey)));
    if (event.isEmpty()) {
      store.closeRequest(tx, r.id(), "FAILED", "the transaction emitted no VaultDeployed for this pubkey");
      return;
    }
    String vault = Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(event.get().getTopics().get(2)), 40);
    List<String> problems = chain.vaultProblems(pubkey, r.beneficiary(), vault);
    if (!vault.equals(r.vaultAddress())) {
      problems = new java.util.ArrayList<>(problems);
      problems.add("address: deployed at " + vault + ", predicted " + r.vaultAddress());
    }
    if (!problems.isEmpty()) {
      LOG.error("vault {} for seat request {} failed verification: {}", vault, r.id(), problems);
      store.closeRequest(tx, r.id(), "FAILED", "vault verification failed: " + String.join("; ", problems));
      return;
    }
    store.closeRequest(tx, r.id(), "SEATED", null);
    Seat seat = store.insertSeat(tx, r, Numeric.toHexString(SeatChain.withdrawalCredentials(vault)));
    // The deployment predates the seat; from now on it is listed with the seat's other operations.
    tx.createUpdate("UPDATE operations SET seat_id = :s WHERE id = :op AND seat_id IS NULL")
        .bind("s", seat.id()).bind("op", op.id()).execute();
    transitions.created(tx, seat.id(), Evidence.receipt(receipt, "VaultDeployed",
        "vault verified: registry, pubkey hash, credentials, beneficiary, treasury, principal destination, "
            + "principal target, factory, CREATE2 code binding", ACTOR));
    managedDepositData(tx, r).ifPresent(file -> {
      DepositFile parsed = DepositFile.of(file);
      store.storeDepositData(tx, seat.id(), file, parsed.signature(), parsed.messageRoot(), parsed.dataRoot());
      transitions.move(tx, seat.id(), SeatState.CREATED, SeatState.DATA_VERIFIED, Evidence.offChain(
          "managed key deposit data, signed and verified at generation; deposit_data_root " + parsed.dataRoot(), ACTOR));
    });
  }

  private static Optional<String> managedDepositData(Handle tx, SeatStore.SeatRequest r) {
    return tx.createQuery("SELECT deposit_data FROM seat_bls_material WHERE request_id = :r").bind("r", r.id())
        .mapTo(String.class).findOne();
  }

  /** The roots of a one-entry deposit-cli file this process wrote itself. */
  record DepositFile(String signature, String messageRoot, String dataRoot) {
    static DepositFile of(String file) {
      var entry = new org.centurion.seatmanager.deposit.DepositDataParser()
          .parse(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).entries().get(0).entry();
      return new DepositFile(Numeric.toHexString(entry.signature()), Numeric.toHexString(entry.depositMessageRoot()),
          Numeric.toHexString(entry.depositDataRoot()));
    }
  }

  private void intentAllowed(Handle tx, Operation op, TransactionReceipt receipt) {
    Seat seat = seatOf(tx, op);
    Optional<Log> event = log(receipt, chain.settings().depositContract(), SeatAbi.EVENT_INTENT_ALLOWED);
    if (event.isEmpty()) {
      exception(tx, seat, receipt, "allowlist transaction confirmed without DepositIntentAllowedFor");
      return;
    }
    byte[] data = Numeric.hexStringToByteArray(event.get().getData());
    String depositor = Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(event.get().getTopics().get(2)), 40);
    boolean matches = Numeric.toHexString(SeatAbi.dynamicBytes(data, 0)).equals(seat.pubkey())
        && Numeric.toHexString(SeatAbi.dynamicBytes(data, 1)).equals(seat.withdrawalCredentials())
        && SeatAbi.word(data, 2).longValueExact() == SeatAbi.SEAT_DEPOSIT_GWEI
        && depositor.equals(chain.settings().router());
    if (!matches) {
      exception(tx, seat, receipt, "DepositIntentAllowedFor does not match the seat (pubkey, credentials, amount, depositor)");
      return;
    }
    BigInteger epoch = SeatAbi.word(data, 3);
    store.storeIntentEpoch(tx, seat.id(), epoch);
    transitions.tryMove(tx, seat.id(), SeatState.DATA_VERIFIED, SeatState.ALLOWLISTED,
        Evidence.receipt(receipt, "DepositIntentAllowedFor", "intent " + event.get().getTopics().get(1) + " epoch " + epoch,
            ACTOR));
  }

  private void deposited(Handle tx, Operation op, TransactionReceipt receipt) {
    Seat seat = seatOf(tx, op);
    Optional<DepositEventLog> event = logs(receipt, chain.settings().depositContract(), DepositEventLog.SIGNATURE).stream()
        .map(l -> DepositEventLog.fromLog("receipt " + receipt.getTransactionHash(), l))
        .filter(e -> e.pubkey().equals(seat.pubkey()))
        .findFirst();
    if (event.isEmpty()) {
      exception(tx, seat, receipt, "deposit transaction confirmed without a DepositEvent for this pubkey");
      return;
    }
    if (!event.get().withdrawalCredentials().equals(seat.withdrawalCredentials())) {
      exception(tx, seat, receipt, "DepositEvent carries other withdrawal credentials than the seat's vault");
      return;
    }
    // The watcher may have recorded the same DepositEvent first; then there is nothing to do.
    transitions.tryMove(tx, seat.id(), SeatState.ALLOWLISTED, SeatState.DEPOSITED, Evidence.receipt(receipt,
        "DepositEvent", "deposit index " + event.get().depositIndex(), ACTOR));
  }

  private void intentRemoved(Handle tx, Operation op, TransactionReceipt receipt) {
    Seat seat = seatOf(tx, op);
    Optional<Log> event = log(receipt, chain.settings().depositContract(), SeatAbi.EVENT_INTENT_REMOVED);
    if (event.isEmpty()) {
      exception(tx, seat, receipt, "intent removal confirmed without DepositIntentRemovedFor");
      return;
    }
    // from ALLOWLISTED, or (issue 15) from an EXCEPTION seat revoked with nothing deposited
    transitions.tryMove(tx, seat.id(), seat.state() == SeatState.EXCEPTION ? SeatState.EXCEPTION : SeatState.ALLOWLISTED,
        SeatState.REVOKED,
        Evidence.receipt(receipt, "DepositIntentRemovedFor", "intent " + event.get().getTopics().get(1), ACTOR));
  }

  private void exitRequested(Handle tx, Operation op, TransactionReceipt receipt) {
    Seat seat = seatOf(tx, op);
    Optional<Log> event = log(receipt, seat.vaultAddress(), SeatAbi.EVENT_VALIDATOR_EXIT_REQUESTED);
    if (event.isEmpty()) {
      exception(tx, seat, receipt, "exit transaction confirmed without ValidatorExitRequested");
      return;
    }
    byte[] data = Numeric.hexStringToByteArray(event.get().getData());
    if (seat.state() == SeatState.EXIT_REQUESTED) {
      // issue 15: an ignored exit sent again; the record keeps every attempt, and the watcher's grace starts over
      // this operation is CONFIRMED already, in this transaction
      long attempt = tx.createQuery("SELECT count(*) FROM operations WHERE seat_id = :s AND kind = 'TRIGGER_EXIT'"
          + " AND status = 'CONFIRMED'").bind("s", seat.id()).mapTo(Long.class).one();
      store.insertEvidence(tx, seat.id(), Optional.of(SeatState.EXIT_REQUESTED), SeatState.EXIT_REQUESTED, Evidence.receipt(
          receipt, "ValidatorExitRequested", "exit request sent again (attempt " + attempt + ") after the chain ignored the last;"
              + " fee " + SeatAbi.word(data, 1) + " wei", ACTOR));
      tx.createUpdate("DELETE FROM cl_exit_watch WHERE seat_id = :s").bind("s", seat.id()).execute();
      alerts.resolve(tx, EXIT_WATCH_SOURCE, SeatStore.EXIT_IGNORED_KEY_PREFIX + seat.id());
      return;
    }
    transitions.tryMove(tx, seat.id(), SeatState.ACTIVE, SeatState.EXIT_REQUESTED, Evidence.receipt(receipt,
        "ValidatorExitRequested", "fee " + SeatAbi.word(data, 1) + " wei; the beacon chain decides", ACTOR));
  }

  /** The CL watcher's alert source (its role), whose EXIT_IGNORED alert a re-sent exit resolves. */
  static final String EXIT_WATCH_SOURCE = "cl-validators";

  private void settlementProposed(Handle tx, Operation op, TransactionReceipt receipt) {
    Seat seat = seatOf(tx, op);
    Optional<Log> event = log(receipt, seat.vaultAddress(), SeatAbi.EVENT_SETTLEMENT_PROPOSED);
    if (event.isEmpty()) {
      exception(tx, seat, receipt, "settlement proposal confirmed without SettlementProposed");
      return;
    }
    byte[] data = Numeric.hexStringToByteArray(event.get().getData());
    BigInteger readyAt = SeatAbi.word(data, 1);
    if (!transitions.tryMove(tx, seat.id(), SeatState.EXITED, SeatState.SETTLING, Evidence.receipt(receipt,
        "SettlementProposed", "maxRewardsClaimedWei " + SeatAbi.word(data, 0) + ", ready at " + readyAt, ACTOR))) {
      return;
    }
    // Finalization is the executor's job once the vault's delay has passed (chain time).
    operations.enqueue(tx, new NewOperation(Optional.of(seat.id()), OperationKind.FINALIZE_SETTLEMENT,
        new RouterCall(seat.vaultAddress(), BigInteger.ZERO, SeatAbi.encode(SeatAbi.FINALIZE_SETTLEMENT)),
        Instant.ofEpochSecond(readyAt.longValueExact()), op.requestedBy()));
  }

  private void settlementFinalized(Handle tx, Operation op, TransactionReceipt receipt) {
    Seat seat = seatOf(tx, op);
    Optional<Log> event = log(receipt, seat.vaultAddress(), SeatAbi.EVENT_SETTLEMENT_FINALIZED);
    if (event.isEmpty()) {
      exception(tx, seat, receipt, "settlement finalization confirmed without SettlementFinalized");
      return;
    }
    byte[] data = Numeric.hexStringToByteArray(event.get().getData());
    BigInteger principal = SeatAbi.word(data, 0);
    BigInteger beneficiaryShare = SeatAbi.word(data, 1);
    BigInteger shortfall = SeatAbi.SEAT_DEPOSIT_WEI.subtract(principal).max(BigInteger.ZERO);
    String amounts = "principal " + principal + " wei, beneficiary " + beneficiaryShare + " wei"
        + (shortfall.signum() > 0 ? ", principal shortfall " + shortfall + " wei against 32 CTN" : "");
    if (transitions.tryMove(tx, seat.id(), SeatState.SETTLING, SeatState.SETTLED, Evidence.receipt(receipt,
        "SettlementFinalized", amounts, ACTOR))) {
      store.storeSettlement(tx, seat.id(), principal, beneficiaryShare);
      if (shortfall.signum() > 0) {
        // a slashed (or short) validator: the treasury got back less than it funded, someone must know today
        alerts.raise(tx, ALERT_SOURCE, AlertSignal.forSeat(AlertKind.PRINCIPAL_SHORTFALL, Severity.CRITICAL, seat.id(), "",
            "seat " + seat.id() + " was settled with " + principal + " wei of its 32 CTN principal back: shortfall " + shortfall
                + " wei (tx " + receipt.getTransactionHash() + ")"));
        LOG.error("seat {} settled with a principal shortfall of {} wei", seat.id(), shortfall);
      }
    }
  }

  static final String ALERT_SOURCE = "seats";

  private Seat seatOf(Handle tx, Operation op) {
    long id = op.seatId().orElseThrow(() -> new IllegalStateException(op.kind() + " operation " + op.id() + " has no seat"));
    return store.lock(tx, id).orElseThrow(() -> new IllegalStateException("no seat " + id));
  }

  private void exception(Handle tx, Seat seat, TransactionReceipt receipt, String reason) {
    LOG.error("seat {}: {} (tx {})", seat.id(), reason, receipt.getTransactionHash());
    if (seat.state().canMoveTo(SeatState.EXCEPTION)) {
      transitions.toException(tx, seat.id(), reason, Evidence.receipt(receipt, "none", reason, ACTOR));
    }
  }

  private static Optional<Log> log(TransactionReceipt r, String emitter, String eventSignature) {
    return logs(r, emitter, eventSignature).stream().findFirst();
  }

  private static List<Log> logs(TransactionReceipt r, String emitter, String eventSignature) {
    String topic = SeatAbi.topic(eventSignature);
    return r.getLogs().stream()
        .filter(l -> l.getAddress().equalsIgnoreCase(emitter) && !l.getTopics().isEmpty()
            && l.getTopics().get(0).equalsIgnoreCase(topic))
        .toList();
  }
}
