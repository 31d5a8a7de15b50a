package org.centurion.seatmanager.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.watch.VaultState;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, reward claims: a claim is offered only as the vault's own {@code _checkClaimable} would
 * take it (principal protection, the 30-day cap, the balance, nothing pending), and the prepared
 * transaction goes from the beneficiary to the vault with exactly the vault's calldata.
 */
class ClaimCallsTest {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  static final Seat SEAT = new Seat(7, "op", "0x" + "be".repeat(20), "0x" + "ab".repeat(48), "0x" + "7a".repeat(20),
      "0x01" + "00".repeat(11) + "7a".repeat(20), SeatState.ACTIVE, Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), NOW, NOW);

  static VaultClaimView.Snapshot vault(BigInteger balance, BigInteger claimedInPeriod, BigInteger pending, long readyAt) {
    return new VaultClaimView.Snapshot(new VaultState(100, NOW, balance, false, balance, BigInteger.ZERO, BigInteger.ZERO,
        pending, readyAt, ETHER.multiply(BigInteger.valueOf(4)), claimedInPeriod, NOW.getEpochSecond() - 3600, 0),
        ETHER.multiply(BigInteger.valueOf(32)), 86_400);
  }

  @Test
  void anInitiateWithinTheCapIsPreparedForTheBeneficiarysWallet() {
    Map<String, Object> m = ClaimCalls.prepare(SEAT, vault(ETHER.multiply(BigInteger.TWO), BigInteger.ZERO, BigInteger.ZERO, 0),
        "initiate", ETHER.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> tx = (Map<String, Object>) m.get("transaction");
    assertThat(tx).containsEntry("from", SEAT.beneficiary()).containsEntry("to", SEAT.vaultAddress()).containsEntry("value", "0x0");
    assertThat((String) tx.get("data")).startsWith(Abi.selector(ClaimCalls.INITIATE))
        .endsWith("0de0b6b3a7640000");
  }

  @Test
  void claimsTheVaultWouldRefuseAreNotOffered() {
    // principal protection: 32 CTN or more in the vault
    assertRefused(vault(ETHER.multiply(BigInteger.valueOf(33)), BigInteger.ZERO, BigInteger.ZERO, 0), "initiate", "1");
    // over the 30-day cap (4 CTN, 3.5 already claimed)
    assertRefused(vault(ETHER.multiply(BigInteger.TEN), ETHER.multiply(BigInteger.valueOf(35)).divide(BigInteger.TEN),
        BigInteger.ZERO, 0), "initiate", ETHER.toString());
    // more than the balance
    assertRefused(vault(ETHER, BigInteger.ZERO, BigInteger.ZERO, 0), "initiate", ETHER.add(BigInteger.ONE).toString());
    // a claim already pending
    assertRefused(vault(ETHER.multiply(BigInteger.TWO), BigInteger.ZERO, ETHER, NOW.getEpochSecond() + 10), "initiate", "1");
    // finalize before the delay, cancel with nothing pending
    assertRefused(vault(ETHER.multiply(BigInteger.TWO), BigInteger.ZERO, ETHER, NOW.getEpochSecond() + 10), "finalize", null);
    assertRefused(vault(ETHER, BigInteger.ZERO, BigInteger.ZERO, 0), "cancel", null);
    assertThatThrownBy(() -> ClaimCalls.prepare(SEAT, vault(ETHER, BigInteger.ZERO, BigInteger.ZERO, 0), "initiate", "-1"))
        .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).code()).isEqualTo(ClaimCalls.INVALID_AMOUNT);
  }

  @Test
  void aReadyClaimIsFinalizedAndAPendingOneCancelled() {
    VaultClaimView.Snapshot ready = vault(ETHER.multiply(BigInteger.TWO), BigInteger.ZERO, ETHER, NOW.getEpochSecond() - 1);
    assertThat(((Map<?, ?>) ClaimCalls.prepare(SEAT, ready, "finalize", null).get("transaction")).get("data"))
        .isEqualTo(Abi.encode(ClaimCalls.FINALIZE));
    assertThat(((Map<?, ?>) ClaimCalls.prepare(SEAT, ready, "cancel", null).get("transaction")).get("data"))
        .isEqualTo(Abi.encode(ClaimCalls.CANCEL));
  }

  private static void assertRefused(VaultClaimView.Snapshot v, String action, String amount) {
    assertThatThrownBy(() -> ClaimCalls.prepare(SEAT, v, action, amount)).isInstanceOf(Problem.class)
        .extracting(p -> ((Problem) p).code()).isEqualTo(ClaimCalls.CLAIM_NOT_ALLOWED);
  }
}
