package org.centurion.seatmanager.watch;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.BeaconException;
import org.centurion.seatmanager.beacon.ValidatorStatus;
import org.centurion.seatmanager.beacon.ValidatorsAtState;
import org.centurion.seatmanager.seats.Evidence;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CL validator watcher. Each round asks every beacon endpoint, in one batch per endpoint, for
 * the validators of every seat from DEPOSITED on, at the finalized state. A seat moves only when at
 * least {@code minAgreeing} endpoints report the same phase for it (DEPOSITED → SEEN_BY_CL → ACTIVE,
 * ACTIVE/EXIT_REQUESTED → EXITED once the withdrawal is done); agreed slashing raises an alert and
 * moves the seat to EXCEPTION; an exit request the chain has not acted on within the grace epochs
 * raises an alert. Endpoint failures and disagreements are alerts of their own.
 */
public final class ValidatorWatcher {
  public static final String ROLE = "cl-validators";
  static final String ENDPOINT_SOURCE = "cl-endpoints";
  private static final Logger LOG = LoggerFactory.getLogger(ValidatorWatcher.class);
  private static final String ACTOR = "watcher:" + ROLE;
  private static final List<String> WATCHED = List.of("DEPOSITED", "SEEN_BY_CL", "ACTIVE", "EXIT_REQUESTED");

  /** What the beacon chain says about one validator, reduced to what the seat machine acts on. */
  enum Phase { ABSENT, PENDING, ACTIVE, EXITING, WITHDRAWN, SLASHED }

  /** What one round did. */
  public record Round(int seats, int moved, int answering, long finalizedEpoch) {}

  private record View(String endpoint, ValidatorsAtState state) {}

  private final Jdbi jdbi;
  private final List<BeaconClient> beacon;
  private final ValidatorWatcherSettings settings;
  private final SeatStore seats;
  private final SeatTransitions transitions;
  private final AlertService alerts;
  private final WatcherCursors cursors;
  private final String holder;
  private final Clock clock;

  public ValidatorWatcher(Jdbi jdbi, List<BeaconClient> beacon, ValidatorWatcherSettings settings, SeatStore seats,
      SeatTransitions transitions, AlertService alerts, WatcherCursors cursors, String holder, Clock clock) {
    if (beacon.size() < settings.minAgreeing()) {
      throw new IllegalArgumentException(beacon.size() + " beacon endpoint(s) configured, " + settings.minAgreeing()
          + " must agree");
    }
    this.jdbi = jdbi;
    this.beacon = List.copyOf(beacon);
    this.settings = settings;
    this.seats = seats;
    this.transitions = transitions;
    this.alerts = alerts;
    this.cursors = cursors;
    this.holder = holder;
    this.clock = clock;
  }

  public Round tick() {
    List<Seat> watched = jdbi.withHandle(h -> seats.inStates(h, WATCHED));
    List<String> pubkeys = watched.stream().map(Seat::pubkey).toList();
    List<View> views = new ArrayList<>();
    List<AlertSignal> endpointAlerts = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ValidatorsAtState>> asks = beacon.stream()
          .map(c -> pool.submit(() -> c.validators("finalized", pubkeys))).toList();
      for (int i = 0; i < beacon.size(); i++) {
        String label = beacon.get(i).label();
        try {
          ValidatorsAtState state = asks.get(i).get();
          if (state.trustworthy()) {
            views.add(new View(label, state));
          } else {
            // a syncing node, or one that has not verified the execution payload, may be answering from anywhere
            endpointAlerts.add(AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "CL:" + label,
                "beacon endpoint " + label + (state.optimistic() ? " is syncing or answers execution_optimistic"
                    : " answers a state it does not call finalized") + ": its answers are not acted on"));
          }
        } catch (java.util.concurrent.ExecutionException e) {
          String why = e.getCause() instanceof BeaconException ? e.getCause().getMessage() : e.getCause().getClass().getSimpleName();
          endpointAlerts.add(AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "CL:" + label, why));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    long agreedBefore = cursors.get(ROLE).map(WatcherCursor::cursor).orElse(0L);
    endpointAlerts.addAll(backwards(views, agreedBefore));
    Finality finality = finality(views);
    endpointAlerts.addAll(finality.alerts());
    for (Seat seat : watched) {
      endpointAlerts.addAll(validatorDisagreements(seat, views));
    }
    alerts.reconcile(ENDPOINT_SOURCE, endpointAlerts);
    if (views.size() < settings.minAgreeing()) {
      throw new BeaconException(views.size() + " usable beacon endpoint(s) answered, " + settings.minAgreeing() + " must agree");
    }
    long agreedEpoch = views.stream().mapToLong(v -> v.state().finalizedEpoch()).min().orElse(0);
    long highestEpoch = views.stream().mapToLong(v -> v.state().finalizedEpoch()).max().orElse(0);
    int moved = 0;
    if (finality.conflict()) {
      LOG.error("beacon endpoints report different roots for the same finalized epoch: no seat moves until it clears");
    } else {
      for (Seat seat : watched) {
        moved += jdbi.inTransaction(h -> act(h, seat, views, highestEpoch));
      }
    }
    // the agreed finalized epoch never moves back: an endpoint behind it is alerted, not followed
    long cursor = Math.max(agreedBefore, agreedEpoch);
    jdbi.useTransaction(h -> cursors.advance(h, ROLE, cursor, Math.max(cursor, highestEpoch), holder));
    return new Round(watched.size(), moved, views.size(), agreedEpoch);
  }

  /** The finalized-checkpoint alerts of one round, and whether endpoints conflict (same epoch, other root). */
  record Finality(List<AlertSignal> alerts, boolean conflict) {}

  /** A finalized checkpoint below the epoch already agreed on went backwards: CRITICAL, by endpoint. */
  private static List<AlertSignal> backwards(List<View> views, long agreedBefore) {
    List<AlertSignal> out = new ArrayList<>();
    for (View v : views) {
      if (v.state().finalizedEpoch() < agreedBefore) {
        out.add(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, "CL:" + v.endpoint() + ":finalized-backwards",
            "beacon endpoint " + v.endpoint() + " reports finalized epoch " + v.state().finalizedEpoch()
                + ", below epoch " + agreedBefore + " already agreed: its finalized checkpoint went backwards"));
      }
    }
    return out;
  }

  /**
   * Endpoints whose finalized checkpoint differs from the one a strict majority reports (all of the
   * differing ones when there is no majority). Two roots for the same epoch is a conflict: CRITICAL
   * FINALITY_CONFLICT, and the round moves nothing; another epoch (a lagging endpoint) is a warning.
   */
  static Finality finality(List<View> views) {
    Map<String, Long> votes = views.stream().collect(Collectors.groupingBy(ValidatorWatcher::checkpoint, Collectors.counting()));
    if (votes.size() < 2) {
      return new Finality(List.of(), false);
    }
    Map<Long, Set<String>> rootsByEpoch = new HashMap<>();
    for (View v : views) {
      rootsByEpoch.computeIfAbsent(v.state().finalizedEpoch(), e -> new HashSet<>()).add(v.state().headerRoot());
    }
    boolean conflict = rootsByEpoch.values().stream().anyMatch(roots -> roots.size() > 1);
    Optional<String> majority = votes.entrySet().stream().filter(e -> e.getValue() * 2 > views.size())
        .map(Map.Entry::getKey).findFirst();
    // without a strict majority a lagging endpoint is still the one behind: the highest checkpoint leads
    String reference = majority.orElseGet(() -> votes.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
        .thenComparing(e -> Long.parseLong(e.getKey().split(":")[0]))).orElseThrow().getKey());
    List<AlertSignal> out = new ArrayList<>();
    for (View v : views) {
      String mine = checkpoint(v);
      boolean conflicting = rootsByEpoch.get(v.state().finalizedEpoch()).size() > 1;
      if (conflicting && (majority.isEmpty() || !mine.equals(majority.get()))) {
        out.add(AlertSignal.global(AlertKind.FINALITY_CONFLICT, Severity.CRITICAL, "CL:" + v.endpoint(),
            "beacon endpoint " + v.endpoint() + " reports finalized checkpoint " + mine + "; "
                + majority.map(m -> "the majority " + m).orElse("there is no majority") + "; no seat moves until it clears"));
      } else if (!conflicting && !mine.equals(reference)) {
        out.add(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.WARNING, "CL:" + v.endpoint(),
            "beacon endpoint " + v.endpoint() + " reports finalized checkpoint " + mine + ", the others " + reference));
      }
    }
    return new Finality(out, conflict);
  }

  private static String checkpoint(View v) {
    return v.state().finalizedEpoch() + ":" + v.state().headerRoot();
  }

  /**
   * Endpoints that see one of our validators in another phase than a strict majority of them (every
   * endpoint when there is no majority), named in an alert per seat and endpoint: a lie or a lag
   * about one validator shows even when the checkpoints agree. A slashing is CRITICAL.
   */
  private static List<AlertSignal> validatorDisagreements(Seat seat, List<View> views) {
    Map<View, Phase> phases = new HashMap<>();
    for (View v : views) {
      phases.put(v, phase(v.state().byPubkey().get(seat.pubkey())));
    }
    Map<Phase, Long> counts = phases.values().stream().collect(Collectors.groupingBy(p -> p, Collectors.counting()));
    if (counts.size() < 2) {
      return List.of();
    }
    Optional<Phase> majority = counts.entrySet().stream().filter(e -> e.getValue() * 2 > views.size())
        .map(Map.Entry::getKey).findFirst();
    List<AlertSignal> out = new ArrayList<>();
    for (View v : views) {
      Phase mine = phases.get(v);
      if (majority.isPresent() && mine == majority.get()) {
        continue;
      }
      boolean slashed = mine == Phase.SLASHED || majority.orElse(Phase.ABSENT) == Phase.SLASHED;
      out.add(AlertSignal.forSeat(AlertKind.ENDPOINT_DISAGREEING, slashed ? Severity.CRITICAL : Severity.WARNING, seat.id(),
          "CL:" + v.endpoint(), "beacon endpoint " + v.endpoint() + " reports the validator of seat " + seat.id() + " as "
              + mine + "; " + majority.map(m -> "the majority " + m).orElse("the endpoints have no majority: " + counts)));
    }
    return out;
  }

  private int act(Handle h, Seat seat, List<View> views, long highestEpoch) {
    Map<View, ValidatorStatus> seen = new HashMap<>();
    Map<View, Phase> phases = new HashMap<>();
    for (View v : views) {
      ValidatorStatus st = v.state().byPubkey().get(seat.pubkey());
      phases.put(v, phase(st));
      if (st != null) {
        seen.put(v, st);
      }
    }
    SeatState state = transitions.current(h, seat.id());
    List<View> otherCredentials = seen.entrySet().stream()
        .filter(e -> !e.getValue().withdrawalCredentials().equalsIgnoreCase(seat.withdrawalCredentials()))
        .map(Map.Entry::getKey).toList();
    if (!otherCredentials.isEmpty()) {
      return credentialsMismatch(h, seat, state, otherCredentials, seen);
    }
    List<View> slashed = views.stream().filter(v -> phases.get(v) == Phase.SLASHED).toList();
    if (!slashed.isEmpty() && slashed.size() < settings.minAgreeing()) {
      // one endpoint is enough to wake someone: a slashing costs more every epoch it goes unseen
      alerts.raise(h, ROLE, AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, seat.id(), "",
          "beacon endpoint(s) " + slashed.stream().map(View::endpoint).collect(Collectors.joining(","))
              + " report the validator of seat " + seat.id() + " slashed; not yet agreed by "
              + settings.minAgreeing() + " endpoints"));
    }
    List<View> exiting = views.stream().filter(v -> phases.get(v) == Phase.EXITING || phases.get(v) == Phase.WITHDRAWN).toList();
    if (!exiting.isEmpty() && state != SeatState.EXIT_REQUESTED) {
      alerts.raise(h, ROLE, AlertSignal.forSeat(AlertKind.UNREQUESTED_EXIT, Severity.CRITICAL, seat.id(), "",
          "beacon endpoint(s) " + exiting.stream().map(View::endpoint).collect(Collectors.joining(",")) + " report the validator of seat "
              + seat.id() + " exiting or exited (" + seen.get(exiting.get(0)).status() + "), but no exit was requested"));
    }
    // Slashing must be agreed on by itself; otherwise the agreed phase is the highest one that
    // enough endpoints have reached (a lagging endpoint holds the seat back, it never pushes it on).
    Optional<Phase> agreed = Optional.empty();
    List<View> agreeing = List.of();
    if (slashed.size() >= settings.minAgreeing()) {
      agreed = Optional.of(Phase.SLASHED);
      agreeing = slashed;
    } else {
      for (Phase candidate : List.of(Phase.WITHDRAWN, Phase.EXITING, Phase.ACTIVE, Phase.PENDING)) {
        List<View> reached = views.stream()
            .filter(v -> phases.get(v) != Phase.SLASHED && phases.get(v).compareTo(candidate) >= 0).toList();
        if (reached.size() >= settings.minAgreeing()) {
          agreed = Optional.of(candidate);
          agreeing = reached;
          break;
        }
      }
    }
    if (state == SeatState.EXIT_REQUESTED) {
      watchExit(h, seat, agreed.orElse(Phase.ABSENT), highestEpoch);
    }
    if (agreed.isEmpty() || agreed.get() == Phase.ABSENT) {
      return 0;
    }
    Phase p = agreed.get();
    View pin = agreeing.stream().min(Comparator.comparingLong(v -> v.state().finalizedEpoch())).orElseThrow();
    ValidatorStatus s = seen.get(pin);
    Evidence ev = Evidence.beacon(Long.toString(pin.state().slot()), pin.state().finalizedEpoch(), pin.state().slot(),
        pin.state().headerRoot(), "validator " + s.index() + " " + s.status() + " on "
            + agreeing.stream().map(View::endpoint).collect(Collectors.joining(",")), ACTOR);
    if (p == Phase.SLASHED) {
      alerts.raise(h, ROLE, AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, seat.id(), "",
          "validator " + s.index() + " of seat " + seat.id() + " is slashed (" + s.status() + ")"));
      if (state.canMoveTo(SeatState.EXCEPTION)) {
        transitions.toException(h, seat.id(), "validator slashed on the beacon chain", ev);
        LOG.warn("seat {} slashed: moved to EXCEPTION", seat.id());
        return 1;
      }
      return 0;
    }
    int moved = 0;
    if (state == SeatState.DEPOSITED && transitions.tryMove(h, seat.id(), SeatState.DEPOSITED, SeatState.SEEN_BY_CL, ev)) {
      state = SeatState.SEEN_BY_CL;
      moved++;
    }
    if (state == SeatState.SEEN_BY_CL && p.compareTo(Phase.ACTIVE) >= 0
        && transitions.tryMove(h, seat.id(), SeatState.SEEN_BY_CL, SeatState.ACTIVE, ev)) {
      state = SeatState.ACTIVE;
      moved++;
    }
    if ((state == SeatState.ACTIVE || state == SeatState.EXIT_REQUESTED) && p == Phase.WITHDRAWN
        && transitions.tryMove(h, seat.id(), state, SeatState.EXITED, ev)) {
      h.createUpdate("DELETE FROM cl_exit_watch WHERE seat_id = :id").bind("id", seat.id()).execute();
      alerts.resolve(h, ROLE, AlertSignal.forSeat(AlertKind.EXIT_IGNORED, Severity.WARNING, seat.id(), "", "").dedupeKey());
      moved++;
    }
    return moved;
  }

  /**
   * The beacon chain holds our pubkey with withdrawal credentials that are not the seat's vault: the
   * principal would not come back to us. CRITICAL at once; the seat does not move on any endpoint's
   * word, and once enough endpoints agree it goes to EXCEPTION, which blocks every further move.
   */
  private int credentialsMismatch(Handle h, Seat seat, SeatState state, List<View> other, Map<View, ValidatorStatus> seen) {
    String who = other.stream().map(v -> v.endpoint() + " (" + seen.get(v).withdrawalCredentials() + ")")
        .collect(Collectors.joining(", "));
    alerts.raise(h, ROLE, AlertSignal.forSeat(AlertKind.WITHDRAWAL_CREDENTIALS_MISMATCH, Severity.CRITICAL, seat.id(), "",
        "the validator of seat " + seat.id() + " has withdrawal credentials other than its vault's "
            + seat.withdrawalCredentials() + " on " + who));
    if (other.size() >= settings.minAgreeing() && state.canMoveTo(SeatState.EXCEPTION)) {
      View pin = other.get(0);
      transitions.toException(h, seat.id(), "withdrawal credentials on the beacon chain are not the seat's vault",
          Evidence.beacon(Long.toString(pin.state().slot()), pin.state().finalizedEpoch(), pin.state().slot(),
              pin.state().headerRoot(), "withdrawal credentials " + seen.get(pin).withdrawalCredentials() + " on " + who, ACTOR));
      LOG.error("seat {}: withdrawal credentials mismatch agreed by {} endpoint(s): moved to EXCEPTION", seat.id(), other.size());
      return 1;
    }
    return 0;
  }

  /** Remembers when the exit request was first seen; alerts while the chain has not started the exit. */
  private void watchExit(Handle h, Seat seat, Phase agreed, long epoch) {
    h.createUpdate("INSERT INTO cl_exit_watch (seat_id, first_seen_epoch, first_seen_at) VALUES (:id, :e, :at)"
            + " ON CONFLICT (seat_id) DO NOTHING")
        .bind("id", seat.id()).bind("e", epoch).bind("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).execute();
    long since = h.createQuery("SELECT first_seen_epoch FROM cl_exit_watch WHERE seat_id = :id").bind("id", seat.id())
        .mapTo(Long.class).one();
    AlertSignal ignored = AlertSignal.forSeat(AlertKind.EXIT_IGNORED, Severity.WARNING, seat.id(), "",
        "seat " + seat.id() + ": exit requested, but the validator is still " + agreed + " after "
            + (epoch - since) + " finalized epochs");
    if (agreed.compareTo(Phase.EXITING) < 0 && epoch - since >= settings.exitGraceEpochs()) {
      alerts.raise(h, ROLE, ignored);
    } else if (agreed.compareTo(Phase.EXITING) >= 0) {
      alerts.resolve(h, ROLE, ignored.dedupeKey());
    }
  }

  static Phase phase(ValidatorStatus s) {
    if (s == null) {
      return Phase.ABSENT;
    }
    if (s.slashed() || s.status().endsWith("_slashed")) {
      return Phase.SLASHED;
    }
    String st = s.status();
    if (st.startsWith("pending")) {
      return Phase.PENDING;
    }
    if (st.equals("active_ongoing") || st.equals("active")) {
      return Phase.ACTIVE;
    }
    if (st.equals("withdrawal_done")) {
      return Phase.WITHDRAWN;
    }
    return Phase.EXITING; // active_exiting, exited_unslashed, withdrawal_possible
  }
}
