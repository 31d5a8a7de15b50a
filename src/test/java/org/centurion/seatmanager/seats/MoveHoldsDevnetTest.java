package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * The open alerts that hold moves (alerts.MoveHolds), through the real routes and the real executor
 * on the devnet: an open FINALITY_CONFLICT refuses every seat command that would queue a signature
 * and makes a queued operation wait, unsigned and holding no nonce, until it clears; an open
 * WITHDRAWAL_CREDENTIALS_MISMATCH refuses every move of its seat (and fails its queued operation
 * unsigned) while the other seats move on.
 */
class MoveHoldsDevnetTest {
  static SeatTestbed bed;
  static AlertService alerts;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed();
    alerts = new AlertService(bed.fx.db.jdbi(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static long operationCount() {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM operations").mapTo(Long.class).one());
  }

  private static long intentsOf(long operationId) {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tx_intents WHERE operation_id = :o")
        .bind("o", operationId).mapTo(Long.class).one());
  }

  /** with-vault executed, deposit data verified: the seat in DATA_VERIFIED. */
  private static long verifiedSeat(DevnetValidatorKey key, String operator) {
    HttpResponse<String> r = bed.post("/v1/seats/with-vault", SeatTestbed.withVaultBody(operator, BENEFICIARY, key.pubkey()),
        false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(r).path("operation").path("id").asLong());
    long id = bed.seatOf(Numeric.toHexString(key.pubkey()));
    String vault = bed.get("/v1/seats/" + id).path("vault").asString();
    HttpResponse<String> dd = bed.post("/v1/seats/" + id + "/deposit-data",
        bed.depositFile(key, vault, bed.devnet.genesisForkVersion()), false);
    assertThat(dd.statusCode()).as(dd.body()).isEqualTo(200);
    return id;
  }

  private static Operation tickUntilSettledOrTimes(long operationId, int ticks) {
    Operation op = bed.operations.find(operationId).orElseThrow();
    for (int i = 0; i < ticks && !op.status().isFinal(); i++) {
      bed.executor.tick();
      op = bed.operations.find(operationId).orElseThrow();
    }
    return op;
  }

  @Test
  void anOpenFinalityConflictStopsEverySeatMoveAndEverySignatureUntilItClears() {
    long id = verifiedSeat(DevnetValidatorKey.random(), "op-hold-fc");
    AlertSignal conflict = AlertSignal.global(AlertKind.FINALITY_CONFLICT, Severity.CRITICAL, "CL:cl1",
        "test: two roots for one finalized epoch");
    alerts.raise("cl-endpoints", conflict);
    long before = operationCount();
    try {
      HttpResponse<String> approve = bed.post("/v1/seats/" + id + "/approve", "", false);
      assertThat(approve.statusCode()).as(approve.body()).isEqualTo(503);
      assertThat(SecurityFixture.code(approve)).isEqualTo("FINALITY_CONFLICT");
      HttpResponse<String> withVault = bed.post("/v1/seats/with-vault",
          SeatTestbed.withVaultBody("op-hold-fc2", BENEFICIARY, DevnetValidatorKey.random().pubkey()), false);
      assertThat(withVault.statusCode()).as(withVault.body()).isEqualTo(503);
      assertThat(SecurityFixture.code(withVault)).isEqualTo("FINALITY_CONFLICT");
      assertThat(operationCount()).as("nothing queued").isEqualTo(before);
      assertThat(bed.state(id)).isEqualTo("DATA_VERIFIED");
    } finally {
      alerts.resolve("cl-endpoints", conflict.dedupeKey());
    }

    // queued while it was clear; the conflict opens before the executor gets to it
    HttpResponse<String> approve = bed.post("/v1/seats/" + id + "/approve", "", false);
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
    long opId = SecurityFixture.json(approve).path("operation").path("id").asLong();
    alerts.raise("cl-endpoints", conflict);
    try {
      Operation waiting = tickUntilSettledOrTimes(opId, 3);
      assertThat(waiting.status()).isEqualTo(OperationStatus.QUEUED);
      assertThat(waiting.lastError().orElseThrow()).startsWith("FINALITY_CONFLICT");
      assertThat(intentsOf(opId)).as("unsigned, no nonce taken").isZero();
      int tickFailures = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT tick_failures FROM operations WHERE id = :o")
          .bind("o", opId).mapTo(Integer.class).one());
      assertThat(tickFailures).as("the world's hold, not the operation's failure").isZero();
    } finally {
      alerts.resolve("cl-endpoints", conflict.dedupeKey());
    }
    bed.advanceChainTime(Duration.ofSeconds(2)); // past the executor's retry delay
    bed.execute(opId);
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
  }

  @Test
  void aWithdrawalCredentialsMismatchStopsEveryMoveOfThatSeatAndOnlyThatSeat() {
    long held = verifiedSeat(DevnetValidatorKey.random(), "op-hold-wc");
    long other = verifiedSeat(DevnetValidatorKey.random(), "op-hold-wc2");
    HttpResponse<String> approve = bed.post("/v1/seats/" + held + "/approve", "", false);
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
    long opId = SecurityFixture.json(approve).path("operation").path("id").asLong();
    AlertSignal mismatch = AlertSignal.forSeat(AlertKind.WITHDRAWAL_CREDENTIALS_MISMATCH, Severity.CRITICAL, held, "",
        "test: the validator pays 0x01…dead, not the vault");
    alerts.raise("cl-validators", mismatch);
    try {
      Operation refused = tickUntilSettledOrTimes(opId, 3);
      assertThat(refused.status()).isEqualTo(OperationStatus.FAILED);
      assertThat(refused.lastError().orElseThrow()).contains("WITHDRAWAL_CREDENTIALS_MISMATCH");
      assertThat(intentsOf(opId)).as("never signed").isZero();

      long before = operationCount();
      for (String move : new String[] {"approve", "revoke"}) {
        HttpResponse<String> r = bed.post("/v1/seats/" + held + "/" + move, "", move.equals("revoke"));
        assertThat(r.statusCode()).as(move + ": " + r.body()).isEqualTo(409);
        assertThat(SecurityFixture.code(r)).as(move).isEqualTo("WITHDRAWAL_CREDENTIALS_MISMATCH");
      }
      assertThat(operationCount()).isEqualTo(before);
      assertThat(bed.state(held)).isEqualTo("DATA_VERIFIED");

      HttpResponse<String> unaffected = bed.post("/v1/seats/" + other + "/approve", "", false);
      assertThat(unaffected.statusCode()).as(unaffected.body()).isEqualTo(202);
      bed.execute(SecurityFixture.json(unaffected).path("operation").path("id").asLong());
      assertThat(bed.state(other)).isEqualTo("ALLOWLISTED");
    } finally {
      alerts.resolve("cl-validators", mismatch.dedupeKey());
    }
  }
}
