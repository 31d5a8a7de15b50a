package org.centurion.seatmanager.watch;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    List<Seat> watched = jdbi.withHandle(h -> h.createQuery("SELECT id FROM seats WHERE state IN (<states>) ORDER BY id")
            .bindList("states", WATCHED).mapTo(Long.class).list()
            .stream().map(id -> seats.find(h, id).orElseThrow()).toList());
    List<String> pubkeys = watched.stream().map(Seat::pubkey).toList();
    List<View> views = new ArrayList<>();
    List<AlertSignal> endpointAlerts = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ValidatorsAtState>> asks = beacon.stream()
          .map(c -> pool.submit(() -> c.validators("finalized", pubkeys))).toList();
      for (int i = 0; i < beacon.size(); i++) {
        try {
          views.add(new View(beacon.get(i).label(), asks.get(i).get()));
        } catch (java.util.concurrent.ExecutionException e) {
          String why = e.getCause() instanceof BeaconException ? e.getCause().getMessage() : e.getCause().getClass().getSimpleName();
          endpointAlerts.add(AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "CL:" + beacon.get(i).label(), why));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    endpointAlerts.addAll(disagreements(views));
    alerts.reconcile(ENDPOINT_SOURCE, endpointAlerts);
    if (views.size() < settings.minAgreeing()) {
      throw new BeaconException(views.size() + " beacon endpoint(s) answered, " + settings.minAgreeing() + " must agree");
    }
    long agreedEpoch = views.stream().mapToLong(v -> v.state().finalizedEpoch()).min().orElse(0);
    long highestEpoch = views.stream().mapToLong(v -> v.state().finalizedEpoch()).max().orElse(0);
    int moved = 0;
    for (Seat seat : watched) {
      moved += jdbi.inTransaction(h -> act(h, seat, views, highestEpoch));
    }
    jdbi.useTransaction(h -> cursors.advance(h, ROLE, agreedEpoch, highestEpoch, holder));
    return new Round(watched.size(), moved, views.size(), agreedEpoch);
  }

  /** Endpoints whose finalized checkpoint differs from the one most endpoints report. */
  private static List<AlertSignal> disagreements(List<View> views) {
    Map<String, Long> votes = views.stream().collect(Collectors.groupingBy(
        v -> v.state().finalizedEpoch() + ":" + v.state().headerRoot(), Collectors.counting()));
    if (votes.size() < 2) {
      return List.of();
    }
    String majority = votes.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
        .thenComparing(e -> Long.parseLong(e.getKey().split(":")[0]))).orElseThrow().getKey();
    List<AlertSignal> out = new ArrayList<>();
    for (View v : views) {
      String mine = v.state().finalizedEpoch() + ":" + v.state().headerRoot();
      if (!mine.equals(majority)) {
        out.add(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.WARNING, "CL:" + v.endpoint(),
            "beacon endpoint " + v.endpoint() + " reports finalized checkpoint " + mine + ", the others " + majority));
      }
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
    // Slashing must be agreed on by itself; otherwise the agreed phase is the highest one that
    // enough endpoints have reached (a lagging endpoint holds the seat back, it never pushes it on).
    Optional<Phase> agreed = Optional.empty();
    List<View> agreeing = List.of();
    List<View> slashed = views.stream().filter(v -> phases.get(v) == Phase.SLASHED).toList();
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
    SeatState state = transitions.current(h, seat.id());
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
