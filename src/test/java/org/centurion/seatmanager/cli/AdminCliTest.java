package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI mirror of the admin writes ({@code seat …}, {@code operations …}) as a real command in its own
 * JVM against a real API: it signs in, steps up for the exact route, and reports the API's refusal with
 * its stable code; the API's guard and audit decide, the CLI decides nothing.
 */
class AdminCliTest {
  private static TestApi api;
  private static SecurityFixture fx;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    api = TestApi.start();
    fx = new SecurityFixture(api, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  private ChildProcess cli(String password, String... args) throws Exception {
    return ChildProcess.start(Map.of(), dir, args).input(password + "\n");
  }

  private String url() {
    return api.baseUrl();
  }

  @Test
  void anAdminListsOperationsAndEveryRefusalCarriesTheApisCode() throws Exception {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    try (ChildProcess p = cli(admin.password(), "operations", "list", "--status", "FAILED", "--api-url", url(),
        "--username", admin.username())) {
      assertThat(p.waitFor(60)).as(p.stderr()).isZero();
      assertThat(p.stdout()).contains("\"operations\" : [ ]");
    }
    try (ChildProcess p = cli(admin.password(), "operations", "retry", "--id", "424242", "--api-url", url(),
        "--username", admin.username())) {
      assertThat(p.waitFor(60)).as(p.stdout()).isEqualTo(1);
      // development API without a signer: the refusal is the API's own, passed on with its code
      assertThat(p.stderr()).contains("seat-manager operations retry: WRITES_DISABLED");
    }
    try (ChildProcess p = cli(admin.password(), "seat", "deposit", "--id", "424242", "--api-url", url(),
        "--username", admin.username())) {
      assertThat(p.waitFor(60)).isEqualTo(1);
      assertThat(p.stderr()).startsWith("seat-manager seat deposit: ").contains("WRITES_DISABLED");
    }
    // resolve sends its reason in the body and steps up; the API's refusal comes back with its code
    try (ChildProcess p = cli(admin.password(), "seat", "resolve", "--id", "424242", "--reason", "re-read the chain",
        "--api-url", url(), "--username", admin.username())) {
      assertThat(p.waitFor(60)).as(p.stdout()).isEqualTo(1);
      assertThat(p.stderr()).startsWith("seat-manager seat resolve: ").contains("NOT_FOUND");
    }
    List<AuditEntry> rows = fx.audit.list(new AuditQuery(java.util.Optional.of(admin.username()), java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty(), AuditQuery.MAX_LIMIT));
    assertThat(rows).as("the API audited the CLI's writes under the user's name").extracting(AuditEntry::action)
        .contains("operation.retry", "seat.deposit", "seat.resolve", "auth.step_up");
    assertThat(rows).filteredOn(e -> e.action().equals("operation.retry")).extracting(AuditEntry::target)
        .contains("operation:424242");
  }

  @Test
  void aWrongPasswordAViewerAndNoApiAreEachOneLine() throws Exception {
    SecurityFixture.TestUser viewer = fx.user(Role.VIEWER);
    try (ChildProcess p = cli(viewer.password() + "x", "operations", "list", "--api-url", url(), "--username",
        viewer.username())) {
      assertThat(p.waitFor(60)).isEqualTo(1);
      assertThat(p.stderr()).contains("INVALID_CREDENTIALS").doesNotContain(viewer.password());
    }
    try (ChildProcess p = cli(viewer.password(), "operations", "cancel", "--id", "1", "--reason", "not mine",
        "--api-url", url(), "--username", viewer.username())) {
      assertThat(p.waitFor(60)).isEqualTo(1);
      assertThat(p.stderr()).contains("FORBIDDEN");
    }
    // a careless --api-url must not carry the password over the network in clear; nothing is sent
    try (ChildProcess p = cli("never-sent", "operations", "list", "--api-url", "http://192.0.2.10:8080", "--username",
        "alice")) {
      assertThat(p.waitFor(60)).isEqualTo(2);
      assertThat(p.stderr()).contains("unprotected").contains("use https://").doesNotContain("never-sent");
    }
    try (ChildProcess p = cli("whatever", "seat", "approve", "--id", "1", "--api-url", "http://127.0.0.1:9",
        "--username", "nobody")) {
      assertThat(p.waitFor(60)).isEqualTo(2);
      assertThat(p.stderr()).contains("seat-manager seat approve: cannot reach the API");
    }
  }
}
