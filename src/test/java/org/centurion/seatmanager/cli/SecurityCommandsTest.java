package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.centurion.seatmanager.cli.Main;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users …} and {@code staker-keys …} against a real database, checked through the real API. */
class SecurityCommandsTest {
  static final Pattern TEMP = Pattern.compile("temporary password \\(shown once\\): (\\S+)");
  static TestApi api;
  static SecurityFixture fx;
  static Path envFile;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    api = TestApi.start();
    fx = new SecurityFixture(api, Clock.systemUTC());
    envFile = dir.resolve(".env");
    StringBuilder sb = new StringBuilder();
    for (String k : List.of("DATABASE_URL", "SESSION_HMAC_SECRET", "STEP_UP_HMAC_SECRET", "SEAT_MANAGER_ENV")) {
      sb.append(k).append('=').append(api.env().get(k)).append('\n');
    }
    Files.writeString(envFile, sb.toString());
    Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  record Run(int exit, String out, String err) {}

  static synchronized Run run(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
      String[] full = new String[args.length + 2];
      System.arraycopy(args, 0, full, 0, args.length);
      full[args.length] = "--env-file";
      full[args.length + 1] = envFile.toString();
      int code = Main.run(full);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  static String temporaryPassword(Run r) {
    Matcher m = TEMP.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  @Test
  void theFirstAdminIsCreatedByTheCliAndMustChangeThePassword() {
    Run r = run(null, "users", "create", "--username", "first-admin", "--role", "ADMIN");
    assertThat(r.exit()).as(r.err()).isZero();
    String pw = temporaryPassword(r);
    var login = fx.login("first-admin", pw);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(SecurityFixture.json(login).path("user").path("passwordChangeRequired").asBoolean()).isTrue();
    assertThat(SecurityFixture.json(login).path("user").path("role").asString()).isEqualTo("ADMIN");

    Run last = run(null, "users", "disable", "--username", "first-admin");
    assertThat(last.exit()).isEqualTo(1);
    assertThat(last.err()).contains("LAST_ADMIN");
    assertThat(fx.login("first-admin", pw).statusCode()).as("nothing changed").isEqualTo(200);

    Run again = run(null, "users", "create", "--username", "first-admin", "--role", "ADMIN");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("USERNAME_TAKEN");
    assertThat(run(null, "users", "create", "--username", "x1", "--role", "KING").exit()).isEqualTo(2);
    Run bad = run(null, "users", "create", "--username", "Bad Name", "--role", "VIEWER");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("INVALID_USERNAME");

    List<AuditEntry> rows = fx.audit.list(new AuditQuery(Optional.empty(), Optional.of("user.create"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50));
    assertThat(rows).anySatisfy(e -> {
      assertThat(e.actor()).startsWith("cli:");
      assertThat(e.authKind()).isEqualTo("CLI");
      assertThat(e.result()).isEqualTo("SUCCESS");
    });
    assertThat(rows).anySatisfy(e -> assertThat(e.reason()).isEqualTo("USERNAME_TAKEN"));
    // write-ahead: every change was on record as attempted before it ran, and each attempt is closed
    assertThat(rows).filteredOn(e -> !e.result().equals("ATTEMPTED"))
        .allSatisfy(e -> assertThat(e.attemptId()).isNotNull());
    assertThat(rows).filteredOn(e -> e.result().equals("ATTEMPTED")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.outcomeId()).isNotNull());
  }

  @Test
  void passwordsFromStdinResetAndDisable() {
    Run created = run("Chosen-Temporary-Pass-1\n", "users", "create", "--username", "op-one", "--role", "OPERATOR",
        "--password-stdin");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain("Chosen-Temporary-Pass-1").doesNotContain("shown once");
    assertThat(fx.login("op-one", "Chosen-Temporary-Pass-1").statusCode()).isEqualTo(200);

    Run weak = run("short\n", "users", "create", "--username", "op-two", "--role", "OPERATOR", "--password-stdin");
    assertThat(weak.exit()).isEqualTo(1);
    assertThat(weak.err()).contains("PASSWORD_POLICY").doesNotContain("short\n");

    Run list = run(null, "users", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("op-one", "OPERATOR").doesNotContain("argon2").doesNotContain("op-two");

    Run reset = run(null, "users", "reset-password", "--username", "op-one");
    assertThat(reset.exit()).as(reset.err()).isZero();
    String pw = temporaryPassword(reset);
    assertThat(fx.login("op-one", "Chosen-Temporary-Pass-1").statusCode()).isEqualTo(401);
    assertThat(fx.login("op-one", pw).statusCode()).isEqualTo(200);

    Run disable = run(null, "users", "disable", "--username", "op-one");
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertThat(fx.login("op-one", pw).statusCode()).isEqualTo(401);
    assertThat(run(null, "users", "disable", "--username", "no-such-user").exit()).isEqualTo(1);
  }

  @Test
  void stakerKeysAreCreatedListedAndRevoked() {
    Run created = run(null, "staker-keys", "create", "--address", "0x52908400098527886e0f7030069857d2e4169ee7",
        "--label", "alice");
    assertThat(created.exit()).as(created.err()).isZero();
    Matcher m = Pattern.compile("api key \\(shown once\\): (smk_\\S+)").matcher(created.out());
    assertThat(m.find()).isTrue();
    String key = m.group(1);
    assertThat(created.out()).contains("0x52908400098527886E0F7030069857D2E4169EE7");
    var resolved = fx.stakerKeys.resolve(key);
    assertThat(resolved).isPresent();

    Run list = run(null, "staker-keys", "list");
    assertThat(list.out()).contains("alice", "0x52908400098527886E0F7030069857D2E4169EE7").doesNotContain(key);

    String id = Long.toString(resolved.get().id());
    assertThat(run(null, "staker-keys", "revoke", "--id", id).exit()).isZero();
    assertThat(fx.stakerKeys.resolve(key)).isEmpty();
    assertThat(run(null, "staker-keys", "revoke", "--id", id).exit()).isEqualTo(1);
    Run badAddress = run(null, "staker-keys", "create", "--address", "0x1234");
    assertThat(badAddress.exit()).isEqualTo(1);
    assertThat(badAddress.err()).contains("INVALID_ADDRESS");
  }

  /** Issue 13: an operator's answer to a lost authenticator, audited, ending the user's sessions. */
  @Test
  void resetMfaForgetsEverySecondFactorEndsTheSessionsAndIsAudited() {
    SecurityFixture.TestUser admin = fx.user(org.centurion.seatmanager.auth.Role.ADMIN);
    org.centurion.seatmanager.auth.NewSession s = fx.session(admin);
    var begun = api.send(fx.bearer("/v1/auth/totp", s.token())
        .header(org.centurion.seatmanager.auth.StepUpService.HEADER, fx.stepUpToken(s, admin, "POST /v1/auth/totp"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
    // the TOTP secret is confirmed in the database directly (this test is about the reset, not enrolment)
    fx.db.jdbi().useHandle(h -> {
      h.execute("UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled = true"
          + " WHERE id = ?", admin.id());
      h.execute("INSERT INTO recovery_codes (user_id, code_digest, created_at) VALUES (?, ?, now())", admin.id(),
          new byte[32]);
      h.execute("INSERT INTO webauthn_credentials (user_id, credential_id, public_key_cose, signature_count, label,"
          + " created_at) VALUES (?, ?, ?, 0, 'lost', now())", admin.id(), new byte[16], new byte[8]);
    });

    Run r = run(null, "users", "reset-mfa", "--user", admin.username());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("second factors of " + admin.username() + " removed", "sessions revoked");
    assertThat(fx.getBearer("/v1/auth/me", s.token()).statusCode()).isEqualTo(401);
    String left = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT totp_enabled || ',' || (totp_secret IS NULL)"
        + " || ',' || (SELECT count(*) FROM recovery_codes WHERE user_id = :u)"
        + " || ',' || (SELECT count(*) FROM webauthn_credentials WHERE user_id = :u) FROM users WHERE id = :u")
        .bind("u", admin.id()).mapTo(String.class).one());
    assertThat(left).isEqualTo("false,true,0,0");
    // and the user can step up with the password again, to enrol a new factor
    org.centurion.seatmanager.auth.NewSession fresh = fx.session(admin);
    assertThat(fx.postBearer("/v1/auth/step-up", fresh.token(), "{\"password\":" + SecurityFixture.quote(admin.password())
        + ",\"route\":\"POST /v1/auth/totp\"}").statusCode()).isEqualTo(200);

    Run unknown = run(null, "users", "reset-mfa", "--user", "nobody-here");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("NOT_FOUND");
    List<AuditEntry> rows = fx.audit.list(new AuditQuery(Optional.empty(), Optional.of("user.mfa_reset"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50));
    assertThat(rows).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("cli:" + System.getProperty("user.name"));
      assertThat(e.authKind()).isEqualTo("CLI");
      assertThat(e.result()).isEqualTo("SUCCESS");
      assertThat(e.target()).isEqualTo("user:" + admin.id());
    });
    assertThat(rows).anySatisfy(e -> assertThat(e.result()).isEqualTo("ATTEMPTED"));
  }
}
