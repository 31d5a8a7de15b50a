package org.centurion.seatmanager.seats;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.deposit.BatchVerifier;
import org.centurion.seatmanager.deposit.DepositDataParser;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.ops.OperationOutcomes;
import org.centurion.seatmanager.ops.OperationService;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the seats feature from its settings: the state machine, the commands, the outcome
 * handlers the operation executor calls, and the routes.
 */
public final class SeatsFeature implements AutoCloseable {
  private final SeatStore store = new SeatStore();
  private final SeatTransitions transitions = new SeatTransitions(store);
  private final SeatCommands commands;
  private final Optional<SeatChain> chain;
  private final Optional<FrontRunCheck> frontRun;
  private final OperationOutcomes outcomes;
  private final List<AutoCloseable> resources;

  public SeatsFeature(SeatsSettings settings, Jdbi jdbi, OperationService operations, Clock clock) {
    Optional<SeatChain> seatChain = Optional.empty();
    List<AutoCloseable> open = new java.util.ArrayList<>();
    if (settings.chain().isPresent() && !settings.executionEndpoints().isEmpty()) {
      ExecutionClient el = new ExecutionClient(settings.executionEndpoints().get(0), RpcSettings.defaults());
      open.add(el);
      seatChain = Optional.of(new SeatChain(el, settings.chain().get()));
    }
    Optional<BeaconReads> beacon = settings.beaconEndpoints().isEmpty() ? Optional.empty()
        : Optional.of(new BeaconReads(settings.beaconEndpoints(), settings.beaconTimeout()));
    this.chain = seatChain;
    this.resources = List.copyOf(open);
    this.frontRun = seatChain.isPresent() && beacon.isPresent()
        ? Optional.of(new FrontRunCheck(seatChain.get(), beacon.get())) : Optional.empty();
    Optional<DepositDataVerifier> verifier = settings.genesisForkVersion().map(f ->
        new DepositDataVerifier(f, settings.verifyDepositSignatures(), new BatchVerifier(1)));
    SeatGuards guards = new SeatGuards(jdbi, store, seatChain, beacon);
    SeatPost post = new SeatPost(jdbi, new SeatIdempotency(jdbi), settings.writesEnabled());
    SeatDepositData depositData = new SeatDepositData(store, guards, transitions, new DepositDataParser(), verifier);
    SeatFunding funding = new SeatFunding(jdbi, store, guards, transitions, operations, depositData, clock);
    Optional<SeatGeneration> generation = settings.managedKeys().flatMap(files -> settings.genesisForkVersion().map(
        fork -> new SeatGeneration(jdbi, store, guards, operations, files, fork, verifier.orElseThrow(),
            settings.allowMultipleSeatsPerOperator(), clock)));
    this.commands = new SeatCommands(post,
        new SeatCreation(store, guards, operations, settings.allowMultipleSeatsPerOperator(), clock),
        depositData, funding, new SeatExit(guards, operations, funding, clock),
        new SeatQueries(jdbi, store, operations, seatChain, beacon), frontRun, generation);
    this.outcomes = seatChain.<OperationOutcomes>map(c -> new SeatOutcomes(store, transitions, operations, c, jdbi, frontRun))
        .orElse(OperationOutcomes.NONE);
  }

  /** The state machine, for the watchers (DEPOSITED, SEEN_BY_CL, ACTIVE, EXITED, EXCEPTION). */
  public SeatTransitions transitions() {
    return transitions;
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

  public SeatCommands commands() {
    return commands;
  }

  @Override
  public void close() {
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing clients; nothing to recover
      }
    }
  }
}
