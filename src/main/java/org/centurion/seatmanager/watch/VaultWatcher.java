package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.jdbi.v3.core.Jdbi;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * The vault and treasury watcher: the router's balance against the low-water mark, every funded
 * seat's vault still holding code, and no funds left in a vault whose seat is SETTLED. Anomalies
 * are alerts, reconciled each round so they clear themselves.
 */
public final class VaultWatcher {
  public static final String ROLE = "vaults";
  private static final List<String> FUNDED = List.of("DEPOSITED", "SEEN_BY_CL", "ACTIVE", "EXIT_REQUESTED", "EXITED", "SETTLING");

  private final Jdbi jdbi;
  private final ExecutionClient el;
  private final String router;
  private final BigInteger lowWei;
  private final AlertService alerts;
  private final WatcherCursors cursors;
  private final String holder;

  public VaultWatcher(Jdbi jdbi, ExecutionClient el, String router, BigInteger lowWei, AlertService alerts,
      WatcherCursors cursors, String holder) {
    this.jdbi = jdbi;
    this.el = el;
    this.router = router;
    this.lowWei = lowWei;
    this.alerts = alerts;
    this.cursors = cursors;
    this.holder = holder;
  }

  private record VaultSeat(long id, String vault, String state) {}

  public void tick() {
    // one block for every read of the round, so balances and code are from the same chain state
    BigInteger block = el.blockNumber();
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(block);
    List<AlertSignal> seen = new ArrayList<>();
    BigInteger treasury = el.balance(router, at);
    if (treasury.compareTo(lowWei) < 0) {
      seen.add(AlertSignal.global(AlertKind.TREASURY_BALANCE_LOW, Severity.WARNING, "router",
          "treasury router " + router + " holds " + treasury + " wei, below the " + lowWei + " wei low-water mark"));
    }
    List<VaultSeat> vaults = jdbi.withHandle(h -> h.createQuery(
            "SELECT id, vault_address, state FROM seats WHERE state IN (<funded>) OR state = 'SETTLED' ORDER BY id")
        .bindList("funded", FUNDED)
        .map((rs, ctx) -> new VaultSeat(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
    for (VaultSeat v : vaults) {
      String code = el.code(v.vault(), at);
      if (code == null || code.equals("0x") || code.isEmpty()) {
        seen.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.CRITICAL, v.id(), "no-code",
            "the vault " + v.vault() + " of seat " + v.id() + " (" + v.state() + ") has no code"));
        continue;
      }
      if (v.state().equals("SETTLED")) {
        BigInteger left = el.balance(v.vault(), at);
        if (left.signum() > 0) {
          seen.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.WARNING, v.id(), "funds-after-settlement",
              "seat " + v.id() + " is SETTLED but its vault " + v.vault() + " still holds " + left + " wei"));
        }
      }
    }
    alerts.reconcile(ROLE, seen);
    jdbi.useTransaction(h -> cursors.advance(h, ROLE, block.longValueExact(), block.longValueExact(), holder));
  }
}
