package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.time.Clock;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.MoveHolds;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.deposit.BatchVerifier;
import org.centurion.seatmanager.deposit.DepositDataParser;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.ops.OperationOutcomes;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.JsonNode;

/**
 * Builds the seats feature from its settings and the clients the composition root hands it: the
 * state machine, the commands, the outcome handlers the operation executor calls.
 */
public final class SeatsFeature {
  private final SeatStore store = new SeatStore();
  private final SeatTransitions transitions = new SeatTransitions(store);
  private final SeatCommandRunner runner;
  private final SeatCreation creation;
  private final SeatDepositData depositData;
  private final SeatFunding funding;
  private final SeatExit exit;
  private final SeatResolution resolution;
  private final SeatQueries queries;
  private final Optional<SeatGeneration> generation;
  private final Optional<SeatChain> chain;
  private final Optional<FrontRunCheck> frontRun;
  private final OperationOutcomes outcomes;
  private final Jdbi jdbi;
  private final Optional<SeatChainSettings> chainSettings;

  /**
   * @param reads the cross-check over every configured execution endpoint (never the first alone:
   *     each read a command decides on must agree on {@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS} of
   *     them); empty without endpoints (then every route that needs the chain answers 503)
   * @param beacon the fail-closed beacon reads; empty without beacon endpoints
   * @param alerts where a settlement with a principal shortfall is raised (CRITICAL)
   */
  public SeatsFeature(SeatsSettings settings, Jdbi jdbi, OperationService operations, Optional<EndpointCrossCheck> reads,
      Optional<BeaconReads> beacon, MoveHolds holds, AlertService alerts, Clock clock) {
    Optional<SeatChain> seatChain = settings.chain().isPresent() && reads.isPresent()
        ? Optional.of(new SeatChain(reads.get(), settings.chain().get())) : Optional.empty();
    this.chain = seatChain;
    this.frontRun = seatChain.isPresent() && beacon.isPresent()
        ? Optional.of(new FrontRunCheck(seatChain.get(), beacon.get(), new DepositIndex(jdbi))) : Optional.empty();
    Optional<DepositDataVerifier> verifier = settings.genesisForkVersion().map(f ->
        new DepositDataVerifier(f, settings.verifyDepositSignatures(), new BatchVerifier(1)));
    SeatGuards guards = new SeatGuards(jdbi, store, seatChain, beacon, holds);
    this.runner = new SeatCommandRunner(jdbi, new SeatIdempotency(jdbi), settings.writesEnabled());
    this.depositData = new SeatDepositData(store, guards, transitions, new DepositDataParser(), verifier);
    this.funding = new SeatFunding(jdbi, store, guards, transitions, operations, depositData, clock);
    this.generation = settings.managedKeys().flatMap(keys -> verifier.map(
        v -> new SeatGeneration(jdbi, store, guards, operations, keys, v,
            settings.allowMultipleSeatsPerOperator(), clock)));
    this.creation = new SeatCreation(store, guards, operations, settings.allowMultipleSeatsPerOperator(), clock);
    this.exit = new SeatExit(jdbi, store, guards, operations, funding, clock);
    this.resolution = new SeatResolution(jdbi, store, guards, transitions, operations);
    this.queries = new SeatQueries(jdbi, store, operations, seatChain, beacon);
    this.jdbi = jdbi;
    this.chainSettings = settings.chain();
    this.outcomes = seatChain.<OperationOutcomes>map(c -> new SeatOutcomes(store, transitions, operations, c, jdbi, frontRun, beacon, alerts))
        .orElse(OperationOutcomes.NONE);
  }

  /** The state machine, for the watchers (DEPOSITED, SEEN_BY_CL, ACTIVE, EXITED, EXCEPTION). */
  public SeatTransitions transitions() {
    return transitions;
  }

  /**
   * How the executor rebuilds seat operations from the seat rows (issue 12), with the vault
   * derivation of the treasury policy; empty without chain settings.
   */
  public Optional<org.centurion.seatmanager.ops.ExpectedCalls> expectedCalls(org.centurion.seatmanager.abi.VaultDerivation vaults) {
    return chainSettings.map(c -> new SeatExpectedCalls(jdbi, store, depositData, c, vaults));
  }

  public SeatStore store() {
    return store;
  }

  /** What the operation executor calls with the chain's verdict on a seat operation. */
  public OperationOutcomes outcomes() {
    return outcomes;
  }

  /** The outcome handler for every seat operation kind, as the operation executor takes them. */
  public java.util.Map<org.centurion.seatmanager.ops.OperationKind, OperationOutcomes> outcomesByKind() {
    java.util.Map<org.centurion.seatmanager.ops.OperationKind, OperationOutcomes> m =
        new java.util.EnumMap<>(org.centurion.seatmanager.ops.OperationKind.class);
    for (org.centurion.seatmanager.ops.OperationKind k : org.centurion.seatmanager.ops.OperationKind.values()) {
      m.put(k, outcomes);
    }
    return m;
  }

  /** What the executor must ask again immediately before signing a DEPOSIT operation. */
  public Optional<FrontRunCheck> frontRunCheck() {
    return frontRun;
  }

  /** What every seat POST runs through: CSM-01, the write switch, idempotency, the command. */
  public SeatCommandRunner runner() {
    return runner;
  }

  public SeatCreation creation() {
    return creation;
  }

  public SeatDepositData depositData() {
    return depositData;
  }

  public SeatFunding funding() {
    return funding;
  }

  public SeatExit exit() {
    return exit;
  }

  /** The chain reads of seat commands (every read agreed by the configured endpoints); empty without the chain section. */
  public Optional<SeatChain> chain() {
    return chain;
  }

  /** Resolving an EXCEPTION seat to the state the chain's evidence supports (issue 15). */
  public SeatResolution resolution() {
    return resolution;
  }

  public SeatQueries queries() {
    return queries;
  }

  /** The front-running check the deposit command asks before anything is signed. */
  public FrontRunCheck requireFrontRunCheck() {
    return frontRun.orElseThrow(() -> Problem.unavailable(ErrorCodes.BEACON_NOT_CONFIGURED,
        "the front-running check needs the chain section and beacon endpoints configured"));
  }

  public SeatReply generate(JsonNode body, Caller caller, SeatCommandRunner.Committer tx) {
    return generation.orElseThrow(() -> Problem.unavailable(ErrorCodes.MANAGED_KEYS_NOT_CONFIGURED,
        "managed keys need the key process (SEAT_MANAGER_KEYS_SOCKET), the genesis fork version and the chain section"))
        .generate(body, caller, tx);
  }
}
