package org.centurion.seatmanager.seats;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;

/**
 * The API as shipped by default (writes disabled, no chain configured) with an ADMIN session, its
 * step-up token and the static admin token: what the CSM regression tests need, without a chain.
 */
final class SeatApiFixture implements AutoCloseable {
  static final String BENEFICIARY = "0x52908400098527886e0f7030069857d2e4169ee7";
  static final String STATIC_TOKEN = TestSecrets.hex32();

  final TestApi api = TestApi.start(Map.of("SEAT_MANAGER_STATIC_ADMIN_TOKEN", STATIC_TOKEN));
  final SecurityFixture fx = new SecurityFixture(api, Clock.systemUTC());
  final SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
  final NewSession session = fx.session(admin);

  HttpResponse<String> post(String path, String body, String bearer, String stepUpToken) {
    HttpRequest.Builder b = fx.bearer(path, bearer).header("Content-Type", "application/json");
    if (stepUpToken != null) {
      b.header(StepUpService.HEADER, stepUpToken);
    }
    return api.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A fresh (single-use) step-up token of the fixture's admin session for {@code POST path}. */
  String stepUpFor(String path) {
    return fx.stepUpToken(session, admin, "POST " + path);
  }

  HttpResponse<String> asSteppedUpAdmin(String path, String body) {
    return post(path, body, session.token(), stepUpFor(path));
  }

  /** Rows a seat command could have written; all must stay unchanged by a refused request. */
  long writtenRows() {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM operations) "
        + "+ (SELECT count(*) FROM seat_requests) + (SELECT count(*) FROM seats) + (SELECT count(*) FROM seat_evidence) "
        + "+ (SELECT count(*) FROM seat_idempotency)").mapTo(Long.class).one());
  }

  /** A seat row as the lifecycle would have left it, for read tests that need no chain. */
  long insertSeat(String pubkey, String beneficiary, String vault, String state) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address, "
            + "withdrawal_credentials, state) VALUES ('op-fixture', :b, :p, :v, :wc, :s) RETURNING id")
        .bind("b", beneficiary).bind("p", pubkey).bind("v", vault)
        .bind("wc", "0x01" + "00".repeat(11) + vault.substring(2)).bind("s", state).mapTo(Long.class).one());
  }

  @Override
  public void close() {
    fx.close();
    api.close();
  }
}
