package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.ContractRevertedException;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * The vault and treasury watcher: the router's balance against the low-water mark, every funded
 * seat's vault still holding code, its reward sweeps (recorded as inflows), pending claims,
 * settlement and conservation ({@link VaultAnomalies}), and no funds left in a vault whose seat is
 * SETTLED. Anomalies are alerts, reconciled each round so they clear themselves.
 *
 * <p>Every chain read of a round is one cross-checked read ({@link EndpointCrossCheck#agree}): the
 * agreeing endpoints must give the same treasury balance, vault code and vault views at the same
 * confirmed block, or the round records nothing (no inflow, no alert opened or resolved) and the
 * refusal raises ENDPOINT_DISAGREEING. A lying primary can neither invent an anomaly nor hide one.
 */
public final class VaultWatcher {
  public static final String ROLE = "vaults";
  private static final List<String> FUNDED = List.of("DEPOSITED", "SEEN_BY_CL", "ACTIVE", "EXIT_REQUESTED", "EXITED", "SETTLING");

  private final Jdbi jdbi;
  /** The read name in alerts and the health report. */
  public static final String READ = "vault watch";

  private final EndpointCrossCheck reads;
  private final String router;
  private final VaultWatcherSettings settings;
  private final VaultAnomalies anomalies;
  private final AlertService alerts;
  private final WatcherCursors cursors;
  private final String holder;
  private final Clock clock;

  public VaultWatcher(Jdbi jdbi, EndpointCrossCheck reads, String router, VaultWatcherSettings settings, AlertService alerts,
      WatcherCursors cursors, String holder, Clock clock) {
    this.jdbi = jdbi;
    this.reads = reads;
    this.router = router;
    this.settings = settings;
    this.anomalies = new VaultAnomalies(settings);
    this.alerts = alerts;
    this.cursors = cursors;
    this.holder = holder;
    this.clock = clock;
  }

  private record VaultSeat(long id, String vault, String state) {}

  /** The watcher's memory of one vault after recording a reading. */
  private record Memory(Optional<BigInteger> previousLifetimeWei, Optional<Instant> sweepClock) {}

  /** One vault as an endpoint reads it: no code, code that does not answer the vault's views, or its state. */
  private record VaultReading(boolean hasCode, Optional<VaultState> state) {}

  /** Where a round reads, and the treasury's balance there: what the endpoints must agree on first. */
  private record Round(BigInteger block, Instant chainTime, BigInteger treasury) {}

  public void tick() {
    Round round = reads.agree(READ, this::readRound).value();
    List<VaultSeat> vaults = jdbi.withHandle(h -> h.createQuery(
            "SELECT id, vault_address, state FROM seats WHERE state IN (<funded>) OR state = 'SETTLED' ORDER BY id")
        .bindList("funded", FUNDED)
        .map((rs, ctx) -> new VaultSeat(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
    // one agreed reading per vault (each within the cross-check's deadline), all at the round's block
    List<VaultReading> readings = new ArrayList<>();
    for (VaultSeat v : vaults) {
      readings.add(reads.agree(READ, (endpoint, pinned) -> readVault(endpoint, round, v.vault())).value());
    }
    Instant now = clock.instant();
    List<AlertSignal> seen = new ArrayList<>();
    if (round.treasury().compareTo(settings.treasuryLowWei()) < 0) {
      seen.add(AlertSignal.global(AlertKind.TREASURY_BALANCE_LOW, Severity.WARNING, "router",
          "treasury router " + router + " holds " + round.treasury() + " wei, below the " + settings.treasuryLowWei()
              + " wei low-water mark"));
    }
    for (int i = 0; i < vaults.size(); i++) {
      VaultSeat v = vaults.get(i);
      VaultReading reading = readings.get(i);
      if (!reading.hasCode()) {
        seen.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.CRITICAL, v.id(), "no-code",
            "the vault " + v.vault() + " of seat " + v.id() + " (" + v.state() + ") has no code"));
        continue;
      }
      if (reading.state().isEmpty()) {
        // code that does not answer the vault's views is not the vault we verified at creation
        seen.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.CRITICAL, v.id(), "unreadable",
            "the vault " + v.vault() + " of seat " + v.id() + " does not answer the WithdrawalVault views"));
        continue;
      }
      VaultState s = reading.state().get();
      boolean active = v.state().equals("ACTIVE");
      Memory m = jdbi.inTransaction(h -> remember(h, v, s, active, now));
      seen.addAll(anomalies.evaluate(v.id(), v.vault(), active, s, m.previousLifetimeWei(), m.sweepClock(), now));
      if (v.state().equals("SETTLED") && s.balance().signum() > 0) {
        seen.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.WARNING, v.id(), "funds-after-settlement",
            "seat " + v.id() + " is SETTLED but its vault " + v.vault() + " still holds " + s.balance() + " wei"));
      }
    }
    alerts.reconcile(ROLE, seen);
    long block = round.block().longValueExact();
    jdbi.useTransaction(h -> cursors.advance(h, ROLE, block, block, holder));
  }

  /**
   * Where this endpoint reads the round: the pinned block less the confirmations, so balances, code
   * and vault state are from one chain state, confirmed because what is recorded from it (inflows, a
   * lifetime that never falls) stays.
   */
  private Round readRound(ExecutionClient endpoint, BigInteger pinned) {
    BigInteger block = pinned.subtract(BigInteger.valueOf(settings.confirmations())).max(BigInteger.ZERO);
    Instant chainTime = Instant.ofEpochSecond(endpoint.block(block).timestamp().longValueExact());
    return new Round(block, chainTime, endpoint.balance(router, DefaultBlockParameter.valueOf(block)));
  }

  /** One vault as {@code endpoint} sees it at the round's block (never later than any endpoint's head). */
  private static VaultReading readVault(ExecutionClient endpoint, Round round, String vault) {
    String code = endpoint.code(vault, DefaultBlockParameter.valueOf(round.block()));
    if (code == null || code.equals("0x") || code.isEmpty()) {
      return new VaultReading(false, Optional.empty());
    }
    try {
      return new VaultReading(true, Optional.of(new VaultReader(endpoint).read(vault, round.block(), round.chainTime())));
    } catch (ContractRevertedException | IllegalStateException e) {
      return new VaultReading(true, Optional.empty());
    }
  }

  /**
   * Records the reading: growth of totalLifetimeWei since the last recorded block is an inflow (a
   * reward sweep or exit proceeds arrive without a transaction to the vault, so growth is the only
   * trace); the recorded lifetime never goes down, so a fall keeps its alert open until made good.
   */
  private static Memory remember(Handle h, VaultSeat v, VaultState s, boolean active, Instant now) {
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    record Row(long lastBlock, BigInteger lifetime, Optional<Instant> lastInflow, Optional<Instant> activeSince) {}
    Optional<Row> prev = h.createQuery("SELECT last_block, last_lifetime_wei, last_inflow_at, active_since FROM vault_watch"
            + " WHERE seat_id = :id FOR UPDATE")
        .bind("id", v.id())
        .map((rs, ctx) -> new Row(rs.getLong(1), rs.getBigDecimal(2).toBigIntegerExact(),
            Optional.ofNullable(rs.getTimestamp(3)).map(java.sql.Timestamp::toInstant),
            Optional.ofNullable(rs.getTimestamp(4)).map(java.sql.Timestamp::toInstant)))
        .findOne();
    Optional<Instant> lastInflow = prev.flatMap(Row::lastInflow);
    if (prev.isPresent() && s.block() > prev.get().lastBlock() && s.totalLifetimeWei().compareTo(prev.get().lifetime()) > 0) {
      h.createUpdate("INSERT INTO vault_inflows (seat_id, vault_address, from_block, to_block, amount_wei, observed_at)"
              + " VALUES (:id, :vault, :from, :to, :amount, :at)")
          .bind("id", v.id()).bind("vault", v.vault()).bind("from", prev.get().lastBlock()).bind("to", s.block())
          .bind("amount", new java.math.BigDecimal(s.totalLifetimeWei().subtract(prev.get().lifetime())))
          .bind("at", at).execute();
      lastInflow = Optional.of(now);
    }
    Optional<Instant> activeSince = active ? Optional.of(prev.flatMap(Row::activeSince).orElse(now)) : Optional.empty();
    BigInteger recorded = prev.map(Row::lifetime).filter(r -> r.compareTo(s.totalLifetimeWei()) > 0).orElse(s.totalLifetimeWei());
    long lastBlock = Math.max(s.block(), prev.map(Row::lastBlock).orElse(0L));
    h.createUpdate("INSERT INTO vault_watch (seat_id, vault_address, last_block, last_lifetime_wei, last_inflow_at, active_since,"
            + " updated_at) VALUES (:id, :vault, :block, :lifetime, :inflow, :active, :at) ON CONFLICT (seat_id) DO UPDATE SET"
            + " last_block = EXCLUDED.last_block, last_lifetime_wei = EXCLUDED.last_lifetime_wei,"
            + " last_inflow_at = EXCLUDED.last_inflow_at, active_since = EXCLUDED.active_since, updated_at = EXCLUDED.updated_at")
        .bind("id", v.id()).bind("vault", v.vault()).bind("block", lastBlock)
        .bind("lifetime", new java.math.BigDecimal(recorded))
        .bind("inflow", lastInflow.map(i -> OffsetDateTime.ofInstant(i, ZoneOffset.UTC)).orElse(null))
        .bind("active", activeSince.map(i -> OffsetDateTime.ofInstant(i, ZoneOffset.UTC)).orElse(null))
        .bind("at", at).execute();
    Optional<Instant> inflow = lastInflow;
    Optional<Instant> sweepClock = activeSince.map(since -> inflow.filter(i -> i.isAfter(since)).orElse(since));
    return new Memory(prev.map(Row::lifetime), sweepClock);
  }
}
