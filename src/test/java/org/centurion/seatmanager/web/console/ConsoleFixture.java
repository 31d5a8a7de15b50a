package org.centurion.seatmanager.web.console;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.testing.TestApi;

/**
 * A real API with its console over a fresh database, spoken to as a browser would: the session
 * cookie, form posts, htmx's request headers. Seats are written straight into the database.
 */
final class ConsoleFixture implements AutoCloseable {
  final TestApi api;
  final SecurityFixture fx;

  ConsoleFixture() {
    this(Map.of());
  }

  ConsoleFixture(Map<String, String> env) {
    this.api = TestApi.start(env);
    this.fx = new SecurityFixture(api, Clock.systemUTC());
  }

  HttpResponse<String> get(String path, NewSession s) {
    return api.send(cookie(api.request(path), s).GET().build());
  }

  /** What htmx sends for a partial refresh. */
  HttpResponse<String> getHtmx(String path, NewSession s) {
    return api.send(cookie(api.request(path), s).header("HX-Request", "true").GET().build());
  }

  /** A form post with the session cookie; with the CSRF header htmx adds from {@code hx-headers}, or without. */
  HttpResponse<String> post(String path, NewSession s, Map<String, String> form, boolean withCsrf) {
    HttpRequest.Builder b = api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .header("HX-Request", "true");
    if (s != null) {
      cookie(b, s);
    }
    if (withCsrf) {
      b.header("X-CSRF-Token", s.csrfToken());
    }
    return api.send(b.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
  }

  /** A multipart form post with one file part, as htmx sends a form with {@code hx-encoding="multipart/form-data"}. */
  HttpResponse<String> postFile(String path, NewSession s, String field, String fileName, String content, boolean withCsrf) {
    String boundary = "console-test-" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/json\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    HttpRequest.Builder b = cookie(api.request(path), s).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("HX-Request", "true");
    if (withCsrf) {
      b.header("X-CSRF-Token", s.csrfToken());
    }
    return api.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** The sign-in form, posted as a plain browser form (no htmx). */
  HttpResponse<String> login(String username, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    return api.send(api.request("/console/login").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private static HttpRequest.Builder cookie(HttpRequest.Builder b, NewSession s) {
    return b.header("Cookie", SessionCookie.NAME + "=" + s.token());
  }

  /** The session token a Set-Cookie header hands the browser. */
  static Optional<String> sessionCookie(HttpResponse<String> r) {
    return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SessionCookie.NAME + "="))
        .map(c -> c.substring(SessionCookie.NAME.length() + 1, c.indexOf(';'))).filter(v -> !v.isEmpty()).findFirst();
  }

  /** The newest audit rows with this action. */
  List<AuditEntry> audit(String action) {
    return fx.audit.list(new AuditQuery(Optional.empty(), Optional.of(action), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 50));
  }

  /** The audit row written for one request (the console answers with its X-Request-Id). */
  AuditEntry auditOf(HttpResponse<String> r) {
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM audit_log WHERE request_id = :r ORDER BY id DESC LIMIT 1")
        .bind("r", id).mapTo(Long.class).findOne()).flatMap(fx.audit::get)
        .orElseThrow(() -> new AssertionError("no audit row for request " + id));
  }

  /** A seat row as the lifecycle would have left it (no chain needed for reads). */
  long insertSeat(int n, String state, String exceptionReason) {
    String hex = String.format("%040x", n + 1);
    return fx.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address, "
            + "withdrawal_credentials, state, exception_reason) VALUES (:op, :b, :p, :v, :wc, :s, :x) RETURNING id")
        .bind("op", "op-" + n).bind("b", "0x" + hex).bind("p", "0x" + String.format("%096x", n + 1))
        .bind("v", "0xb" + hex.substring(1)).bind("wc", "0x01" + "00".repeat(11) + hex)
        .bind("s", state).bind("x", exceptionReason).mapTo(Long.class).one());
  }

  /** A seat with this validator key and vault, as the lifecycle would have left it in {@code state}. */
  long insertSeat(String pubkey, String vault, String state) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address, "
            + "withdrawal_credentials, state) VALUES ('op-console', :b, :p, :v, :wc, :s) RETURNING id")
        .bind("b", "0x52908400098527886e0f7030069857d2e4169ee7").bind("p", pubkey).bind("v", vault)
        .bind("wc", "0x01" + "00".repeat(11) + vault.substring(2)).bind("s", state).mapTo(Long.class).one());
  }

  String seatState(long seatId) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM seats WHERE id = :id").bind("id", seatId)
        .mapTo(String.class).one());
  }

  void insertEvidence(long seatId, String detail) {
    fx.db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO seat_evidence (seat_id, from_state, to_state, detail, actor)"
        + " VALUES (:s, 'CREATED', 'EXCEPTION', :d, 'test')").bind("s", seatId).bind("d", detail).execute());
  }

  @Override
  public void close() {
    fx.close();
    api.close();
  }
}
