package org.centurion.seatmanager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit log: what gets recorded, that the database refuses to rewrite it, and that verify catches tampering. */
class AuditLogTest {
  static TestApi api;
  static SecurityFixture fx;
  static SecurityFixture.TestUser admin;
  static String adminToken;

  @BeforeAll
  static void start() {
    api = TestApi.start();
    fx = new SecurityFixture(api, Clock.systemUTC());
    admin = fx.user(Role.ADMIN);
    adminToken = fx.session(admin).token();
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  /** The table owner's connection to {@code api}'s database: the attacker the chain must expose. */
  static org.jdbi.v3.core.Jdbi ownerOf(TestApi api) {
    org.centurion.seatmanager.config.DatabaseUrl url = TestDatabases.owner(api.databaseUrl());
    return org.jdbi.v3.core.Jdbi.create(() -> java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null),
        url.password().orElse(null)));
  }

  static List<AuditEntry> byActor(String actor) {
    return fx.audit.list(new AuditQuery(Optional.of(actor), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 100));
  }

  @Test
  void deniedAndAllowedWritesAndAuthenticationEventsAreRecorded() {
    HttpResponse<String> anon = api.send(api.request("/v1/users").header("X-Request-Id", "anon-write-1")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(anon.statusCode()).isEqualTo(401);
    AuditEntry a = fx.audit.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 500)).stream()
        .filter(e -> "anon-write-1".equals(e.requestId())).findFirst().orElseThrow();
    assertThat(a.actor()).isEqualTo("anonymous");
    assertThat(a.action()).isEqualTo("POST /v1/users");
    assertThat(a.result()).isEqualTo("DENIED");
    assertThat(a.reason()).isEqualTo("AUTHENTICATION_REQUIRED");
    assertThat(a.clientIp()).isEqualTo("127.0.0.1");

    SecurityFixture.TestUser viewer = fx.user(Role.VIEWER);
    String viewerToken = fx.session(viewer).token();
    assertThat(fx.getBearer("/v1/users", viewerToken).statusCode()).isEqualTo(403);
    assertThat(byActor(viewer.username())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("GET /v1/users");
      assertThat(e.result()).isEqualTo("DENIED");
      assertThat(e.reason()).isEqualTo("FORBIDDEN");
      assertThat(e.role()).isEqualTo("VIEWER");
      assertThat(e.authKind()).isEqualTo("SESSION");
    });

    assertThat(fx.login("nobody-at-all", "whatever-password-123").statusCode()).isEqualTo(401);
    assertThat(byActor("login:nobody-at-all")).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("auth.login");
      assertThat(e.result()).isEqualTo("DENIED");
      assertThat(e.reason()).isEqualTo("UNKNOWN_USER");
    });
    assertThat(fx.login(viewer.username(), viewer.password()).statusCode()).isEqualTo(200);
    assertThat(byActor(viewer.username())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("auth.login");
      assertThat(e.result()).isEqualTo("SUCCESS");
      assertThat(e.target()).startsWith("session:");
    });

    NewSession s = fx.session(admin);
    HttpResponse<String> created = api.send(fx.bearer("/v1/users", s.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, fx.stepUpToken(s, admin, "POST /v1/users")).header("X-Request-Id", "create-1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"audited-user\",\"role\":\"OPERATOR\"}")).build());
    assertThat(created.statusCode()).isEqualTo(201);
    long newId = json(created).path("user").path("id").asLong();
    assertThat(byActor(admin.username())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("user.create");
      assertThat(e.target()).isEqualTo("user:" + newId);
      assertThat(e.result()).isEqualTo("SUCCESS");
      assertThat(e.requestId()).isEqualTo("create-1");
      assertThat(e.role()).isEqualTo("ADMIN");
    });
    String temporary = json(created).path("temporaryPassword").asString();

    HttpResponse<String> badJson = api.send(fx.bearer("/v1/auth/step-up", s.token()).header("Content-Type", "application/json")
        .header("X-Request-Id", "bad-json-1").POST(HttpRequest.BodyPublishers.ofString("{\"password\":")).build());
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(byActor(admin.username())).anySatisfy(e -> {
      assertThat(e.requestId()).isEqualTo("bad-json-1");
      assertThat(e.result()).isEqualTo("FAILED");
      assertThat(e.reason()).isEqualTo("INVALID_JSON");
    });

    // no secret in any row
    String everything = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(concat_ws('|', actor, auth_kind,"
        + " role, action, target, result, reason, request_id, client_ip), '\n') FROM audit_log").mapTo(String.class).one());
    assertThat(everything).doesNotContain(admin.password(), viewer.password(), viewerToken, s.token(), temporary,
        "whatever-password-123", adminToken);
  }

  @Test
  void theDatabaseRefusesToRewriteHistory() {
    fx.audit.append(new AuditEvent("t", "CLI", null, "test.row", null, AuditResult.SUCCESS, null, null, null));
    // the runtime role has no such privilege (AppendOnlyEvidenceTest); even the owner meets the triggers
    try (Database owner = Database.open(TestDatabases.owner(api.databaseUrl()), "audit-owner", 1)) {
      for (String sql : List.of("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log", "TRUNCATE audit_log")) {
        assertThatThrownBy(() -> owner.jdbi().useHandle(h -> h.execute(sql))).as(sql)
            .hasMessageContaining("append-only");
      }
    }
    assertThat(fx.audit.verify().intact()).isTrue();
  }

  @Test
  void databaseErrorsDoNotEchoBoundValues() {
    String secretish = "argon2-hash-that-must-not-be-logged";
    assertThatThrownBy(() -> fx.db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO users (username, role,"
            + " password_hash, password_temporary, password_temporary_until, created_at, updated_at)"
            + " VALUES ('Bad Name', 'ADMIN', :h, true, now() + interval '1 hour', now(), now())").bind("h", secretish).execute()))
        .satisfies(e -> {
          StringBuilder all = new StringBuilder();
          for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
          }
          assertThat(all.toString()).contains("users_username_shape").doesNotContain(secretish);
        });
  }

  @Test
  void listingFiltersPagesAndRefusesBadQueries() {
    for (int i = 0; i < 5; i++) {
      fx.audit.append(new AuditEvent("pager", "CLI", null, "test.page", "n:" + i, AuditResult.SUCCESS, null, null, null));
    }
    HttpResponse<String> first = fx.getBearer("/v1/audit-logs?actor=pager&limit=2", adminToken);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode p1 = json(first);
    assertThat(p1.path("items").size()).isEqualTo(2);
    assertThat(p1.path("items").get(0).path("target").asString()).isEqualTo("n:4");
    List<String> seen = new ArrayList<>();
    String cursor = p1.path("nextCursor").asString();
    p1.path("items").forEach(n -> seen.add(n.path("target").asString()));
    while (cursor != null && !cursor.isEmpty() && !cursor.equals("null")) {
      JsonNode p = json(fx.getBearer("/v1/audit-logs?actor=pager&limit=2&cursor=" + cursor, adminToken));
      p.path("items").forEach(n -> seen.add(n.path("target").asString()));
      cursor = p.path("nextCursor").isNull() ? null : p.path("nextCursor").asString();
    }
    assertThat(seen).containsExactly("n:4", "n:3", "n:2", "n:1", "n:0");
    long id = p1.path("items").get(0).path("id").asLong();
    JsonNode one = json(fx.getBearer("/v1/audit-logs/" + id, adminToken));
    assertThat(one.path("action").asString()).isEqualTo("test.page");
    assertThat(one.path("hash").asString()).hasSize(64);
    assertThat(fx.getBearer("/v1/audit-logs/99999999", adminToken).statusCode()).isEqualTo(404);
    assertThat(json(fx.getBearer("/v1/audit-logs?result=DENIED&limit=500", adminToken)).path("items"))
        .allSatisfy(n -> assertThat(n.path("result").asString()).isEqualTo("DENIED"));
    for (String q : List.of("limit=0", "limit=501", "result=MAYBE", "from=yesterday", "cursor=-1", "sort=id")) {
      HttpResponse<String> r = fx.getBearer("/v1/audit-logs?" + q, adminToken);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(code(r)).isEqualTo("INVALID_QUERY");
    }
  }

  @Test
  void concurrentAppendsFormOneUnbrokenChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AuditEntry>> futures = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        int n = i;
        futures.add(pool.submit(() -> fx.audit.append(new AuditEvent("racer", "CLI", null, "test.race", "n:" + n,
            AuditResult.SUCCESS, null, null, null))));
      }
      Set<String> prevs = new HashSet<>();
      for (Future<AuditEntry> f : futures) {
        assertThat(prevs.add(f.get().prevHash())).as("two rows claim the same predecessor").isTrue();
      }
    } finally {
      pool.shutdown();
    }
    AuditVerification v = fx.audit.verify();
    assertThat(v.intact()).as(String.valueOf(v)).isTrue();
  }

  @Test
  void verifyFindsARowAlteredOrRemovedBehindTheTriggersBack() {
    try (TestApi own = TestApi.start(); SecurityFixture f = new SecurityFixture(own, Clock.systemUTC())) {
      String token = f.session(f.user(Role.ADMIN)).token();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(f.audit.append(new AuditEvent("honest", "CLI", null, "test.row", "n:" + i, AuditResult.SUCCESS,
            null, null, null)).id());
      }
      JsonNode ok = json(f.getBearer("/v1/audit-logs/verify", token));
      assertThat(ok.path("intact").asBoolean()).isTrue();
      assertThat(ok.path("rowsChecked").asLong()).isGreaterThanOrEqualTo(6);

      // an attacker with the table owner's rights switches the trigger off, rewrites, switches it back
      ownerOf(own).useHandle(h -> {
        h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
        h.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", ids.get(2));
        h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
      });
      HttpResponse<String> r = f.getBearer("/v1/audit-logs/verify", token);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode broken = json(r);
      assertThat(broken.path("intact").asBoolean()).isFalse();
      assertThat(broken.path("firstBrokenId").asLong()).isEqualTo(ids.get(2));
      assertThat(broken.path("problem").asString()).contains("altered");
      assertThat(broken.path("code").asString()).isEqualTo(AuditVerification.ROW_ALTERED);
    }
    try (TestApi own = TestApi.start(); SecurityFixture f = new SecurityFixture(own, Clock.systemUTC())) {
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(f.audit.append(new AuditEvent("honest", "CLI", null, "test.row", "n:" + i, AuditResult.SUCCESS,
            null, null, null)).id());
      }
      ownerOf(own).useHandle(h -> {
        h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete");
        h.execute("DELETE FROM audit_log WHERE id = ?", ids.get(1));
        h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_delete");
      });
      AuditVerification v = f.audit.verify();
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBrokenId()).isEqualTo(ids.get(2));
      assertThat(v.problem()).contains("removed");
    }
  }
}
