package org.centurion.seatmanager.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, operator API keys: bound to one seat, scoped, expiring, revocable by an ADMIN, rate
 * limited, audited, and unable to reach any admin or treasury route.
 */
class OperatorKeyTest {
  static OperatorTestbed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = new OperatorTestbed(Map.of());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  static String status(long seatId) {
    return "/v1/operator/seats/" + seatId + "/status";
  }

  @Test
  void aKeyReadsItsOwnSeatAndNoOtherAndNoAdminRoute() {
    OperatorTestbed.TestSeat a = bed.createdSeat();
    OperatorTestbed.TestSeat b = bed.createdSeat();
    String keyA = bed.enrolledKey(a);
    bed.enrolledKey(b);
    HttpResponse<String> own = bed.getAs(keyA, status(a.id()));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    JsonNode s = SecurityFixture.json(own);
    assertThat(s.path("seat").path("state").asString()).isEqualTo("DATA_VERIFIED");
    assertThat(s.path("seat").path("evidence").valueStream().map(e -> e.path("to").asString()))
        .containsExactly("DATA_VERIFIED");
    assertThat(s.path("validator").path("pubkey").asString()).isEqualTo(a.key() == null ? null
        : org.web3j.utils.Numeric.toHexString(a.key().pubkey()));
    assertThat(s.path("vault").path("available").asBoolean()).isFalse();

    HttpResponse<String> other = bed.getAs(keyA, status(b.id()));
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(other)).isEqualTo(OperatorErrors.KEY_WRONG_SEAT);
    assertThat(other.body()).doesNotContain(b.beneficiary());
    for (String adminRoute : new String[] {"/v1/seats/" + a.id(), "/v1/seats", "/v1/audit-logs", "/v1/exit-requests",
        "/v1/seats/" + a.id() + "/operator-keys", "/v1/validators/" + a.beneficiary()}) {
      HttpResponse<String> r = bed.getAs(keyA, adminRoute);
      assertThat(r.statusCode()).as(adminRoute).isEqualTo(403);
      assertThat(SecurityFixture.code(r)).isEqualTo("IDENTITY_NOT_ALLOWED");
    }
    // treasury and seat writes: refused before any handler, nothing queued
    long operations = bed.count("operations");
    for (String write : new String[] {"/v1/seats/" + a.id() + "/approve", "/v1/seats/" + a.id() + "/deposit",
        "/v1/seats/" + a.id() + "/force-exit", "/v1/seats/" + a.id() + "/settle", "/v1/seats/with-vault",
        "/v1/seats/" + a.id() + "/enrollment-tokens", "/v1/staker-keys"}) {
      HttpResponse<String> r = bed.postAs(keyA, write, "{}");
      assertThat(r.statusCode()).as(write).isEqualTo(403);
      assertThat(SecurityFixture.code(r)).isEqualTo("IDENTITY_NOT_ALLOWED");
    }
    assertThat(bed.count("operations")).isEqualTo(operations);
    // the refusals are on record
    long denied = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE auth_kind = 'OPERATOR_KEY'"
        + " AND result = 'DENIED'").mapTo(Long.class).one());
    assertThat(denied).isGreaterThanOrEqualTo(14);
  }

  @Test
  void revokedExpiredAndUnknownKeysAreRefused() {
    OperatorTestbed.TestSeat a = bed.createdSeat();
    String key = bed.enrolledKey(a);
    long id = keyId(a.id());
    assertThat(bed.getAs(key, status(a.id())).statusCode()).isEqualTo(200);
    // an ADMIN revokes it (a session write; the static token only reads)
    assertThat(bed.postAs(OperatorTestbed.STATIC_TOKEN, "/v1/operator-keys/" + id + "/revoke", "").statusCode()).isEqualTo(403);
    HttpResponse<String> revoke = bed.postAs(bed.adminSession.token(), "/v1/operator-keys/" + id + "/revoke", "");
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(204);
    HttpResponse<String> after = bed.getAs(key, status(a.id()));
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(SecurityFixture.code(after)).isEqualTo("INVALID_CREDENTIALS");
    assertThat(SecurityFixture.json(bed.getAs(bed.adminSession.token(), "/v1/seats/" + a.id() + "/operator-keys"))
        .path("items").get(0).path("revokedBy").asString()).isEqualTo(bed.admin.username());

    OperatorTestbed.TestSeat b = bed.createdSeat();
    String expiring = bed.enrolledKey(b);
    bed.fx.db.jdbi().useHandle(h -> h.createUpdate("UPDATE operator_api_keys SET expires_at = now() - interval '1 second'"
        + " WHERE seat_id = :s").bind("s", b.id()).execute());
    assertThat(SecurityFixture.code(bed.getAs(expiring, status(b.id())))).isEqualTo("INVALID_CREDENTIALS");
    // a made-up key of the right shape, and a key with a flipped character
    assertThat(SecurityFixture.code(bed.getAs("smo_" + "A".repeat(43), status(b.id())))).isEqualTo("INVALID_CREDENTIALS");
    String flipped = expiring.substring(0, expiring.length() - 1) + (expiring.endsWith("A") ? "B" : "A");
    assertThat(bed.getAs(flipped, status(b.id())).statusCode()).isEqualTo(401);
  }

  @Test
  void aKeyWithoutAScopeIsRefusedThatRoute() {
    OperatorTestbed.TestSeat a = bed.createdSeat();
    HttpResponse<String> issued = bed.issue(a.id(), "{\"scopes\":[\"status\"]}");
    String token = SecurityFixture.json(issued).path("token").asString();
    String key = SecurityFixture.json(bed.enroll(token, bed.depositFile(a))).path("operatorKey").path("key").asString();
    assertThat(bed.getAs(key, status(a.id())).statusCode()).isEqualTo(200);
    HttpResponse<String> rotate = bed.postAs(key, "/v1/operator/seats/" + a.id() + "/api-key/rotate", "");
    assertThat(rotate.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(rotate)).isEqualTo(OperatorErrors.SCOPE_MISSING);
    HttpResponse<String> exit = bed.postAs(key, "/v1/operator/seats/" + a.id() + "/exit-requests", "{\"reason\":\"x\"}");
    assertThat(SecurityFixture.code(exit)).isEqualTo(OperatorErrors.SCOPE_MISSING);
    assertThat(bed.count("operator_exit_requests")).isZero();
    HttpResponse<String> claim = bed.getAs(key, "/v1/operator/seats/" + a.id() + "/claim?action=initiate&amountWei=1");
    assertThat(SecurityFixture.code(claim)).isEqualTo(OperatorErrors.SCOPE_MISSING);
  }

  @Test
  void aClaimNeedsTheVaultReadableAndIsNeverSignedHere() {
    OperatorTestbed.TestSeat a = bed.createdSeat();
    String key = bed.enrolledKey(a);
    long operations = bed.count("operations");
    HttpResponse<String> claim = bed.getAs(key, "/v1/operator/seats/" + a.id() + "/claim?action=initiate&amountWei=1");
    assertThat(claim.statusCode()).isEqualTo(503);
    assertThat(SecurityFixture.code(claim)).isEqualTo("CHAIN_NOT_CONFIGURED");
    assertThat(bed.count("operations")).isEqualTo(operations);
  }

  @Test
  void rotationReplacesTheKeyAndAnExitRequestWaitsForAnAdmin() {
    OperatorTestbed.TestSeat a = bed.createdSeat();
    String key = bed.enrolledKey(a);
    HttpResponse<String> rotated = bed.postAs(key, "/v1/operator/seats/" + a.id() + "/api-key/rotate", "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String next = SecurityFixture.json(rotated).path("key").asString();
    assertThat(next).startsWith("smo_").isNotEqualTo(key);
    assertThat(bed.getAs(key, status(a.id())).statusCode()).isEqualTo(401);
    assertThat(bed.getAs(next, status(a.id())).statusCode()).isEqualTo(200);
    // the old key cannot rotate itself back to life
    assertThat(bed.postAs(key, "/v1/operator/seats/" + a.id() + "/api-key/rotate", "").statusCode()).isEqualTo(401);

    long operations = bed.count("operations");
    HttpResponse<String> ask = bed.postAs(next, "/v1/operator/seats/" + a.id() + "/exit-requests",
        "{\"reason\":\"hardware retired\"}");
    assertThat(ask.statusCode()).as(ask.body()).isEqualTo(202);
    assertThat(SecurityFixture.json(ask).path("status").asString()).isEqualTo("OPEN");
    HttpResponse<String> twice = bed.postAs(next, "/v1/operator/seats/" + a.id() + "/exit-requests", "{\"reason\":\"again\"}");
    assertThat(SecurityFixture.json(twice).path("id").asLong()).isEqualTo(SecurityFixture.json(ask).path("id").asLong());
    assertThat(SecurityFixture.code(bed.postAs(next, "/v1/operator/seats/" + a.id() + "/exit-requests",
        "{\"reason\":\"x\",\"force\":true}"))).isEqualTo("INVALID_JSON");
    // never an exit by itself: nothing queued, the seat stays where it is
    assertThat(bed.count("operations")).isEqualTo(operations);
    JsonNode open = SecurityFixture.json(bed.getAs(bed.adminSession.token(), "/v1/exit-requests?status=OPEN"));
    assertThat(open.path("items").valueStream().map(i -> i.path("seatId").asLong())).contains(a.id());
    long requestId = SecurityFixture.json(ask).path("id").asLong();
    String decision = "/v1/exit-requests/" + requestId + "/decision";
    // a session alone cannot decide: the decision needs a step-up bound to this route
    HttpResponse<String> noStepUp = bed.postAs(bed.adminSession.token(), decision, "{\"decision\":\"ACCEPT\"}");
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(noStepUp)).isEqualTo("STEP_UP_REQUIRED");
    HttpResponse<String> decided = bed.postSteppedUp(decision, "{\"decision\":\"DECLINE\",\"note\":\"not before the lock-up ends\"}");
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(SecurityFixture.code(bed.postSteppedUp(decision, "{\"decision\":\"ACCEPT\"}")))
        .isEqualTo(OperatorErrors.EXIT_REQUEST_DECIDED);
    assertThat(SecurityFixture.json(bed.getAs(next, status(a.id()))).path("exitRequests").get(0).path("status").asString())
        .isEqualTo("DECLINED");
    // the operator's writes are on record as theirs
    long audited = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action IN"
        + " ('operator.rotate_api_key', 'seat.voluntary_exit_requested') AND result = 'SUCCESS'").mapTo(Long.class).one());
    assertThat(audited).isGreaterThanOrEqualTo(3);
  }

  @Test
  void statusReadsAreLimitedToSixtyAMinutePerKey() {
    OperatorTestbed.TestSeat a = bed.createdSeat();
    String key = bed.enrolledKey(a);
    int ok = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 61; i++) {
      last = bed.getAs(key, status(a.id()));
      if (last.statusCode() == 200) {
        ok++;
      }
    }
    assertThat(ok).isEqualTo(60);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(SecurityFixture.code(last)).isEqualTo("RATE_LIMITED");
  }

  private static long keyId(long seatId) {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT max(id) FROM operator_api_keys WHERE seat_id = :s")
        .bind("s", seatId).mapTo(Long.class).one());
  }
}
