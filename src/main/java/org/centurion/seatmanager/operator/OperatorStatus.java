package org.centurion.seatmanager.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatsFeature;

/**
 * {@code GET /v1/operator/seats/:id/status}: the seat's lifecycle with its evidence and operations
 * (the admin detail), the validator as the beacon endpoints report it, the vault's balance, rewards
 * and claim window, and the seat's exit requests. The guard has bound the key to this seat.
 */
public final class OperatorStatus {
  private final SeatsFeature seats;
  private final Optional<VaultClaimView> vaults;
  private final ExitRequests exits;

  OperatorStatus(SeatsFeature seats, Optional<VaultClaimView> vaults, ExitRequests exits) {
    this.seats = seats;
    this.vaults = vaults;
    this.exits = exits;
  }

  public Seat seat(long seatId) {
    return seats.queries().seat(seatId).orElseThrow(() -> Problem.notFound("no such seat"));
  }

  public Map<String, Object> status(long seatId) {
    Seat seat = seat(seatId);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seat", seats.queries().detail(seatId));
    m.put("validator", seats.queries().validatorView(seat));
    m.put("vault", vault(seat.vaultAddress()));
    m.put("exitRequests", exits.forSeat(seatId).stream().map(ExitRequests::view).toList());
    return m;
  }

  /** The vault's own views, or why they could not be read (the rest of the status still answers). */
  public Map<String, Object> vault(String address) {
    if (vaults.isEmpty()) {
      return Map.of("available", false, "reason", "no execution endpoint configured");
    }
    try {
      Map<String, Object> v = new LinkedHashMap<>(VaultClaimView.view(vaults.get().read(address)));
      v.put("available", true);
      return v;
    } catch (ChainException | IllegalStateException e) {
      return Map.of("available", false, "reason", "the vault could not be read: " + e.getClass().getSimpleName());
    }
  }

  public Optional<VaultClaimView> vaults() {
    return vaults;
  }
}
