package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.centurion.seatmanager.reconcile.Reconciliation;
import java.net.http.HttpResponse;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Seats that went wrong (issue 15), on the devnet with the real executor: an EXCEPTION seat with
 * nothing deposited is revoked (its still active allowlist intent removed on chain first), one whose
 * 32 CTN were deposited is refused revocation; an EXCEPTION seat is resolved to the state the chain's
 * evidence supports (never one the caller names); a slashed seat, seen by the real CL watcher, is
 * resolved once its balance came back and settled with the shortfall on record and a CRITICAL alert;
 * and every seat says what can be done next and why not the rest.
 */
class SeatExceptionDevnetTest {
  static SeatTestbed bed;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  static java.nio.file.Path keyDir;
  static org.centurion.seatmanager.operator.EnrollmentKey key;
  static java.nio.file.Path keyFile;

  @BeforeAll
  static void start() throws Exception {
    // the deployment's Ed25519 key: it signs the evidence bundles
    keyDir = org.centurion.seatmanager.testing.TestDirectories.create("evidence-key");
    key = org.centurion.seatmanager.operator.EnrollmentKey.generate();
    keyFile = secretFile(keyDir, "enrollment.jwk", key.privateJwkJson());
    bed = new SeatTestbed(java.util.Map.of("SEAT_MANAGER_ENROLLMENT_KEY_FILE", keyFile.toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    bed.close();
    org.centurion.seatmanager.testing.TestDirectories.delete(keyDir);
  }

  private static long allowlistedSeat(String operator) {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    HttpResponse<String> r = bed.post("/v1/seats/with-vault", SeatTestbed.withVaultBody(operator, BENEFICIARY, key.pubkey()),
        false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(r).path("operation").path("id").asLong());
    long id = bed.seatOf(Numeric.toHexString(key.pubkey()));
    String vault = bed.get("/v1/seats/" + id).path("vault").asString();
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    JsonNode next = bed.get("/v1/seats/" + id).path("nextActions");
    assertThat(next.path("approve").asString()).isEqualTo("allowed");
    assertThat(next.path("deposit").asString()).startsWith("not from DATA_VERIFIED");
    long approve = SecurityFixture.json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong();
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString())
        .as("a pending operation is named").contains("operation " + approve).contains("QUEUED");
    bed.execute(approve);
    return id;
  }

  private static void toException(long id, String reason) {
    bed.fx.db.jdbi().useTransaction(h -> bed.seats.transitions().toException(h, id, reason, Evidence.offChain(reason, "test:watcher")));
  }

  /** The real CL watcher over both beacon endpoints (two must agree; EXIT_IGNORED after 3 finalized epochs). */
  private static org.centurion.seatmanager.watch.ValidatorWatcher clWatcher() {
    java.util.List<org.centurion.seatmanager.beacon.BeaconClient> clients = bed.devnet.beaconUrls().stream()
        .map(u -> new org.centurion.seatmanager.beacon.BeaconClient(new org.centurion.seatmanager.config.NamedEndpoint(
            "cl-" + Integer.toHexString(u.hashCode()), java.net.URI.create(u)), java.time.Duration.ofSeconds(5))).toList();
    return new org.centurion.seatmanager.watch.ValidatorWatcher(bed.fx.db.jdbi(), clients,
        new org.centurion.seatmanager.watch.ValidatorWatcherSettings(2, 3), bed.seats.store(), bed.seats.transitions(),
        bed.components.alerts(), new org.centurion.seatmanager.watch.WatcherCursors(bed.fx.db.jdbi(), java.time.Clock.systemUTC()),
        "test:cl", java.time.Clock.systemUTC());
  }

  private static boolean exitIgnoredOpen(long id) {
    return count("SELECT count(*) FROM alerts WHERE dedupe_key = ? AND resolved_at IS NULL", "EXIT_IGNORED:seat:" + id) == 1;
  }

  @Test
  void anExitTheChainIgnoredIsSentAgainWithItsAttemptsOnRecord() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String pubkey = Numeric.toHexString(key.pubkey());
    long id = bed.activeSeat(key, "op-exit-ignored");
    var watcher = clWatcher();
    HttpResponse<String> early = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    long firstAllowed = SecurityFixture.json(early).path("error").path("details").get(0).path("firstAllowedEpoch").asLong();
    bed.devnet.advanceEpochs(Math.max(0, firstAllowed - bed.devnet.beacon().currentEpoch()));
    bed.devnet.beacon().dropNextExitRequest(key.pubkey());
    HttpResponse<String> exit = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(exit.statusCode()).as(exit.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(exit).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("EXIT_REQUESTED");

    // not sent again while the chain may still act on it
    HttpResponse<String> tooSoon = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(tooSoon.statusCode()).as(tooSoon.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(tooSoon)).isEqualTo("EXIT_NOT_IGNORED");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("force-exit").asString()).contains("EXIT_IGNORED");

    for (int i = 0; i < 8 && !exitIgnoredOpen(id); i++) {
      bed.devnet.advanceEpochs(1);
      watcher.tick();
    }
    assertThat(exitIgnoredOpen(id)).as("the CL watcher saw the exit ignored").isTrue();
    assertThat(bed.devnet.beacon().ignoredExitRequests()).anyMatch(r -> r.reason().startsWith("dropped"));
    assertThat(bed.beaconStatus(pubkey)).isEqualTo("active_ongoing");
    JsonNode before = bed.get("/v1/seats/" + id);
    assertThat(before.path("nextActions").path("force-exit").asString()).isEqualTo("allowed");
    assertThat(before.path("exitRequestsSent").asLong()).isEqualTo(1);

    HttpResponse<String> again = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(SecurityFixture.json(again).path("operation").path("kind").asString()).isEqualTo("TRIGGER_EXIT");
    bed.execute(SecurityFixture.json(again).path("operation").path("id").asLong());
    JsonNode seat = bed.get("/v1/seats/" + id);
    assertThat(seat.path("state").asString()).isEqualTo("EXIT_REQUESTED");
    assertThat(seat.path("exitRequestsSent").asLong()).isEqualTo(2);
    JsonNode last = seat.path("evidence").get(seat.path("evidence").size() - 1);
    assertThat(last.path("from").asString()).isEqualTo("EXIT_REQUESTED");
    assertThat(last.path("to").asString()).isEqualTo("EXIT_REQUESTED");
    assertThat(last.path("detail").asString()).contains("sent again (attempt 2)");
    assertThat(exitIgnoredOpen(id)).as("a re-sent exit starts the watcher's grace over").isFalse();

    // a forged EXIT_IGNORED row (someone with write access to the database) buys no third exit and no fee:
    // the command asks every beacon endpoint again, and the validator is exiting now
    for (int i = 0; i < 6 && "active_ongoing".equals(bed.beaconStatus(pubkey)); i++) {
      bed.devnet.advanceEpochs(1);
    }
    assertThat(bed.beaconStatus(pubkey)).isNotEqualTo("active_ongoing");
    bed.fx.db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO alerts (source, kind, severity, seat_id, dedupe_key, message,"
        + " first_seen, last_seen) VALUES ('cl-validators', 'EXIT_IGNORED', 'WARNING', :s, :k, 'forged', now(), now())")
        .bind("s", id).bind("k", "EXIT_IGNORED:seat:" + id).execute());
    long opsBefore = count("SELECT count(*) FROM operations WHERE seat_id = ?", id);
    HttpResponse<String> forged = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(forged)).isEqualTo("VALIDATOR_NOT_EXITABLE");
    assertThat(count("SELECT count(*) FROM operations WHERE seat_id = ?", id)).isEqualTo(opsBefore);
    bed.fx.db.jdbi().useHandle(h -> h.createUpdate("UPDATE alerts SET resolved_at = now() WHERE dedupe_key = :k"
        + " AND resolved_at IS NULL").bind("k", "EXIT_IGNORED:seat:" + id).execute());

    for (int i = 0; i < 16 && !bed.state(id).equals("EXITED"); i++) {
      bed.devnet.advanceEpochs(1);
      watcher.tick();
    }
    assertThat(bed.state(id)).as("the second request was acted on").isEqualTo("EXITED");
    assertThat(exitIgnoredOpen(id)).isFalse();
  }

  private static java.nio.file.Path secretFile(java.nio.file.Path dir, String name, String content) throws Exception {
    java.nio.file.Path p = dir.resolve(name);
    java.nio.file.Files.writeString(p, content + "\n");
    java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  /** An env file for the CLI in-process: the test's database, chain and beacon endpoints, and the signing key. */
  private static java.nio.file.Path cliEnv(java.nio.file.Path dir, String name, boolean withKey) throws Exception {
    java.util.Map<String, String> env = bed.api.env();
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (String k : java.util.List.of("DATABASE_URL", "SESSION_HMAC_SECRET", "STEP_UP_HMAC_SECRET", "SEAT_MANAGER_CHAIN_ID",
        "SEAT_MANAGER_EL_RPC_URLS", "SEAT_MANAGER_CL_API_URLS", "SEAT_MANAGER_MIN_AGREEING_ENDPOINTS",
        "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "SEAT_MANAGER_ROUTER_ADDRESS",
        "SEAT_MANAGER_PRINCIPAL_DESTINATION")) {
      lines.add(k + "=" + env.get(k));
    }
    lines.add("SEAT_MANAGER_ENV=development");
    if (withKey) {
      lines.add("SEAT_MANAGER_ENROLLMENT_KEY_FILE=" + keyFile);
    }
    return secretFile(dir, name, String.join("\n", lines));
  }

  @Test
  void reconcileReportsEachDisagreementBetweenTheRecordAndTheChainAndChangesNothing() throws Exception {
    long agrees = allowlistedSeat("op-reconcile-ok");
    long forgedState = allowlistedSeat("op-reconcile-state");
    long forgedVault = allowlistedSeat("op-reconcile-vault");
    var reconcile = bed.components.reconciliation().orElseThrow();
    java.util.function.LongFunction<java.util.List<String>> about = id -> reconcile.run().findings().stream()
        .filter(f -> f.subject().startsWith("seat " + id + " ")).map(f -> f.check() + ": " + f.detail()).toList();
    assertThat(about.apply(agrees)).isEmpty();
    assertThat(about.apply(forgedState)).isEmpty();

    // one forged row each: a deposit that never happened, a vault that is not the registry's, a mined block rewritten
    bed.fx.db.jdbi().useHandle(h -> {
      h.createUpdate("UPDATE seats SET state = 'DEPOSITED' WHERE id = ?").bind(0, forgedState).execute();
      h.createUpdate("UPDATE seats SET vault_address = ? WHERE id = ?").bind(0, "0x" + "ab".repeat(20)).bind(1, forgedVault)
          .execute();
    });
    long intent = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT i.id FROM tx_intents i JOIN operations o ON"
        + " o.id = i.operation_id WHERE o.seat_id = ? AND i.mined_tx_hash IS NOT NULL ORDER BY i.id LIMIT 1")
        .bind(0, agrees).mapTo(Long.class).one());
    bed.fx.db.jdbi().useHandle(h -> h.createUpdate("UPDATE tx_intents SET mined_block_hash = ? WHERE id = ?")
        .bind(0, "0x" + "cd".repeat(32)).bind(1, intent).execute());

    Reconciliation.Report report = reconcile.run();
    assertThat(about.apply(forgedState)).anyMatch(f -> f.startsWith("deposit: the record says deposited"));
    assertThat(about.apply(forgedVault)).anyMatch(f -> f.startsWith("vault-registry: ") && f.contains("0x" + "ab".repeat(20)));
    assertThat(report.findings()).anyMatch(f -> f.subject().startsWith("intent " + intent + " ") && f.detail().contains("block"));
    assertThat(report.seats()).isGreaterThanOrEqualTo(3);
    assertThat(bed.state(forgedState)).as("read-only").isEqualTo("DEPOSITED");

    java.nio.file.Path dir = org.centurion.seatmanager.testing.TestDirectories.create("reconcile");
    try {
      assertThat(org.centurion.seatmanager.cli.Main.run("reconcile", "--env-file", cliEnv(dir, "env", false).toString()))
          .as("disagreements: exit 1").isEqualTo(1);
    } finally {
      org.centurion.seatmanager.testing.TestDirectories.delete(dir);
      bed.fx.db.jdbi().useHandle(h -> h.createUpdate("UPDATE seats SET state = 'ALLOWLISTED' WHERE id = ?")
          .bind(0, forgedState).execute());
    }
  }

  /** One fingerprint per table: every row's text, in a stable order. */
  private static java.util.Map<String, String> fingerprints(String jdbcUrl, String user, String password) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, password);
        java.sql.Statement s = c.createStatement()) {
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (java.sql.ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
          + " AND tablename <> 'flyway_schema_history'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String t : tables) {
        try (java.sql.ResultSet r = s.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY"
            + " x::text), '')) FROM \"" + t + "\" x")) {
          r.next();
          out.put(t, r.getString(1));
        }
      }
    }
    return out;
  }

  @Test
  void aBackupRestoredIntoAFreshDatabaseHoldsEverySeatIntentAndAuditRowAndAVerifiableChain() throws Exception {
    long id = allowlistedSeat("op-backup");
    var source = org.centurion.seatmanager.testing.TestDatabases.owner(
        org.centurion.seatmanager.config.DatabaseUrl.parse(bed.api.env().get("DATABASE_URL")));
    var target = org.centurion.seatmanager.testing.TestDatabases.freshMigrated();
    var targetOwner = org.centurion.seatmanager.testing.TestDatabases.owner(target);
    java.nio.file.Path dir = org.centurion.seatmanager.testing.TestDirectories.create("backup");
    try {
      java.nio.file.Path backup = dir.resolve("seat-manager.backup");
      java.nio.file.Path sourceEnv = secretFile(dir, "source.env", "DATABASE_URL="
          + org.centurion.seatmanager.testing.TestDatabases.asPostgresUrl(source));
      java.nio.file.Path targetEnv = secretFile(dir, "target.env", "DATABASE_URL="
          + org.centurion.seatmanager.testing.TestDatabases.asPostgresUrl(targetOwner));
      assertThat(org.centurion.seatmanager.cli.Main.run("db", "backup", "--out", backup.toString(), "--env-file",
          sourceEnv.toString())).isZero();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(backup)))
          .isEqualTo("rw-------");
      assertThat(org.centurion.seatmanager.cli.Main.run("db", "backup", "--out", backup.toString(), "--env-file",
          sourceEnv.toString())).as("never over a file").isEqualTo(2);
      var before = fingerprints(source.jdbcUrl(), source.user().orElse(null), source.password().orElse(null));

      // a damaged backup restores nothing
      java.nio.file.Path damaged = dir.resolve("damaged.backup");
      try (var in = new java.util.zip.ZipFile(backup.toFile());
          var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(damaged))) {
        for (var e : java.util.Collections.list(in.entries())) {
          out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
          byte[] b = in.getInputStream(e).readAllBytes();
          if (e.getName().equals("tables/seats.copy")) {
            b = new String(b, java.nio.charset.StandardCharsets.UTF_8).replace("ALLOWLISTED", "SETTLED")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          }
          out.write(b);
          out.closeEntry();
        }
      }
      assertThat(org.centurion.seatmanager.cli.Main.run("db", "restore", "--from", damaged.toString(), "--env-file",
          targetEnv.toString())).isEqualTo(1);
      assertThat(fingerprints(targetOwner.jdbcUrl(), targetOwner.user().orElse(null), targetOwner.password().orElse(null))
          .get("seats")).as("nothing restored").startsWith("0:");

      assertThat(org.centurion.seatmanager.cli.Main.run("db", "restore", "--from", backup.toString(), "--env-file",
          targetEnv.toString())).isZero();
      var after = fingerprints(targetOwner.jdbcUrl(), targetOwner.user().orElse(null), targetOwner.password().orElse(null));
      assertThat(after).as("every table, row for row").isEqualTo(before);
      assertThat(after.get("seats")).doesNotStartWith("0:");
      assertThat(after.get("tx_intents")).doesNotStartWith("0:");
      assertThat(after.get("audit_log")).doesNotStartWith("0:");
      assertThat(org.centurion.seatmanager.cli.Main.run("db", "restore", "--from", backup.toString(), "--env-file",
          targetEnv.toString())).as("only into an empty database").isEqualTo(1);

      // the restored database works: the seat reads back, the chain verifies, new rows take new ids
      try (var db = org.centurion.seatmanager.store.Database.open(target, "restored", 2)) {
        var seat = db.jdbi().withHandle(h -> new SeatStore().find(h, id)).orElseThrow();
        assertThat(seat.state()).isEqualTo(SeatState.ALLOWLISTED);
        long maxAudit = db.jdbi().withHandle(h -> h.createQuery("SELECT max(id) FROM audit_log").mapTo(Long.class).one());
        long next = db.jdbi().withHandle(h -> h.createQuery("SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))")
            .mapTo(Long.class).one());
        assertThat(next).isGreaterThan(maxAudit);
      }
      java.util.List<String> verifyEnv = new java.util.ArrayList<>(java.util.List.of("DATABASE_URL="
          + org.centurion.seatmanager.testing.TestDatabases.asPostgresUrl(target)));
      bed.api.env().forEach((k, v) -> {
        if (k.startsWith("SEAT_MANAGER_AUDIT_") || k.equals("SEAT_MANAGER_ENV") || k.equals("SESSION_HMAC_SECRET")
            || k.equals("STEP_UP_HMAC_SECRET")) {
          verifyEnv.add(k + "=" + v);
        }
      });
      assertThat(org.centurion.seatmanager.cli.Main.run("audit", "verify", "--env-file",
          secretFile(dir, "verify.env", String.join("\n", verifyEnv)).toString())).as("the restored chain verifies").isZero();
    } finally {
      org.centurion.seatmanager.testing.TestDirectories.delete(dir);
    }
  }

  @Test
  void anEvidenceBundleVerifiesOfflineAndATamperedOrForeignOneDoesNot() throws Exception {
    long id = allowlistedSeat("op-evidence");
    java.nio.file.Path dir = org.centurion.seatmanager.testing.TestDirectories.create("evidence");
    try {
      java.nio.file.Path pub = secretFile(dir, "enrollment.pub.jwk", "{\"keys\":[" + key.publicJwk().toJSONString() + "]}");
      java.nio.file.Path noKeyEnv = cliEnv(dir, "nokey.env", false);
      java.nio.file.Path envFile = cliEnv(dir, "env", true);
      java.nio.file.Path bundle = dir.resolve("seat.evidence");

      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "--seat", Long.toString(id), "--out",
          bundle.toString(), "--env-file", noKeyEnv.toString())).as("no signing key configured").isEqualTo(2);
      assertThat(bundle).doesNotExist();
      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "--seat", Long.toString(id), "--out",
          bundle.toString(), "--env-file", envFile.toString())).isZero();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(bundle)))
          .isEqualTo("rw-------");
      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "--seat", Long.toString(id), "--out",
          bundle.toString(), "--env-file", envFile.toString())).as("never over an existing file").isEqualTo(2);
      assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'seat.evidence_export' AND result = 'SUCCESS'"
          + " AND target = ?", "seat:" + id)).isEqualTo(1);

      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "verify", bundle.toString(), "--public-key",
          pub.toString())).isZero();
      String text = java.nio.file.Files.readString(bundle).strip();
      var verdict = org.centurion.seatmanager.evidence.EvidenceVerifier.verify(text, java.util.Optional.of(key.publicJwk()));
      assertThat(verdict.problems()).isEmpty();
      JsonNode p = verdict.payload().orElseThrow();
      JsonNode seat = bed.get("/v1/seats/" + id);
      assertThat(p.path("seat").path("state").asString()).isEqualTo("ALLOWLISTED");
      assertThat(p.path("evidence").size()).isEqualTo(seat.path("evidence").size()).isPositive();
      assertThat(p.path("operations").valueStream().map(o -> o.path("kind").asString()))
          .containsExactly("DEPLOY_VAULT", "ADD_ALLOWLIST_INTENT");
      assertThat(p.path("operations").get(1).path("intents").get(0).path("attempts").size()).isPositive();
      assertThat(p.path("receipts").size()).isEqualTo(2);
      assertThat(p.path("receipts").valueStream().map(r -> r.path("status").asString())).containsOnly("0x1");
      assertThat(p.path("audit").valueStream().map(a -> a.path("action").asString())).contains("seat.approve",
          "treasury.sign", "treasury.broadcast");
      assertThat(p.path("chainHeads").path("execution").get(0).path("blockNumber").asString()).isNotEmpty();
      assertThat(p.path("chainHeads").path("beacon").get(0).has("finalizedEpoch")).isTrue();

      // one changed byte of the payload, or a bundle signed by another key, does not verify
      String[] parts = text.split("\\.");
      String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
      String forged = payload.replace("\"ALLOWLISTED\"", "\"SETTLED\"");
      assertThat(forged).isNotEqualTo(payload);
      java.nio.file.Path tampered = secretFile(dir, "tampered.evidence", parts[0] + "."
          + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          + "." + parts[2]);
      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "verify", tampered.toString())).isEqualTo(1);
      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "verify", tampered.toString(), "--public-key",
          pub.toString())).isEqualTo(1);
      var other = org.centurion.seatmanager.operator.EnrollmentKey.generate();
      java.nio.file.Path foreign = secretFile(dir, "foreign.evidence", other.signDocument(
          org.centurion.seatmanager.evidence.EvidenceBundle.TYPE, forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "verify", foreign.toString(), "--public-key",
          pub.toString())).as("signed by a key that is not the deployment's").isEqualTo(1);
      assertThat(org.centurion.seatmanager.evidence.EvidenceVerifier.verify(java.nio.file.Files.readString(foreign),
          java.util.Optional.empty()).valid())
          .as("self-consistent, but only integrity without a pinned key").isTrue();
      assertThat(org.centurion.seatmanager.cli.Main.run("seat", "evidence", "verify", dir.resolve("missing").toString()))
          .isEqualTo(2);

      // the same bundle from the API and the console, for ADMINs only
      HttpResponse<String> api = bed.fx.getBearer("/v1/seats/" + id + "/evidence", bed.adminToken);
      assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
      assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/jose");
      assertThat(api.headers().firstValue("Content-Disposition").orElse("")).contains("seat-" + id + ".evidence");
      var fromApi = org.centurion.seatmanager.evidence.EvidenceVerifier.verify(api.body(), java.util.Optional.of(key.publicJwk()));
      assertThat(fromApi.problems()).isEmpty();
      assertThat(fromApi.payload().orElseThrow().path("exportedBy").asString()).contains(bed.admin.username());
      String viewer = bed.fx.session(bed.fx.user(org.centurion.seatmanager.auth.Role.VIEWER)).token();
      assertThat(bed.fx.getBearer("/v1/seats/" + id + "/evidence", viewer).statusCode()).isEqualTo(403);
      HttpResponse<String> console = bed.consolePageAs(bed.admin, "/console/seats/" + id + "/evidence");
      assertThat(console.statusCode()).isEqualTo(200);
      assertThat(org.centurion.seatmanager.evidence.EvidenceVerifier.verify(console.body(), java.util.Optional.of(key.publicJwk()))
          .valid()).isTrue();
      assertThat(bed.consolePageAs(bed.admin, "/console/seats/" + id).body()).contains("id=\"evidence-download\"");
    } finally {
      org.centurion.seatmanager.testing.TestDirectories.delete(dir);
    }
  }

  private static HttpResponse<String> resolve(long id, String body) {
    return bed.post("/v1/seats/" + id + "/resolve", body, true);
  }

  private static long count(String sql, Object... binds) {
    return bed.count(sql, binds);
  }

  @Test
  void anExceptionSeatIsResolvedToTheStateTheChainSupportsNeverOneTheCallerNames() {
    long id = allowlistedSeat("op-exc-resolve");
    toException(id, "test: a receipt without its event");
    JsonNode next = bed.get("/v1/seats/" + id).path("nextActions");
    assertThat(next.path("resolve").asString()).isEqualTo("allowed");
    assertThat(next.path("deposit").asString()).startsWith("not from EXCEPTION").contains("/resolve");

    // the caller cannot name the state, must write a reason, and must step up
    HttpResponse<String> named = resolve(id, "{\"reason\":\"fine\",\"state\":\"ACTIVE\"}");
    assertThat(named.statusCode()).as(named.body()).isEqualTo(400);
    assertThat(SecurityFixture.code(named)).isEqualTo("UNKNOWN_FIELD");
    assertThat(SecurityFixture.code(resolve(id, "{}"))).isEqualTo("INVALID_REASON");
    assertThat(SecurityFixture.code(resolve(id, "{\"reason\":\"   \"}"))).isEqualTo("INVALID_REASON");
    assertThat(bed.post("/v1/seats/" + id + "/resolve", "{\"reason\":\"checked\"}", false).statusCode()).isEqualTo(403);
    assertThat(bed.state(id)).isEqualTo("EXCEPTION");

    HttpResponse<String> resolved = resolve(id, "{\"reason\":\"the receipt was re-read: the intent is on chain\"}");
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    assertThat(SecurityFixture.json(resolved).path("state").asString()).isEqualTo("ALLOWLISTED");
    JsonNode seat = bed.get("/v1/seats/" + id);
    assertThat(seat.path("exceptionReason").isNull()).isTrue();
    JsonNode last = seat.path("evidence").get(seat.path("evidence").size() - 1);
    assertThat(last.path("from").asString()).isEqualTo("EXCEPTION");
    assertThat(last.path("to").asString()).isEqualTo("ALLOWLISTED");
    assertThat(last.path("detail").asString()).contains("allowlist intent is active on chain")
        .contains("the receipt was re-read").contains("a receipt without its event");
    assertThat(last.path("actor").asString()).contains(bed.admin.username());
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'seat.resolve' AND result = 'SUCCESS' AND target = ?",
        "seat:" + id)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'seat.resolve' AND result <> 'SUCCESS' AND target = ?",
        "seat:" + id)).as("the three refused bodies").isEqualTo(3);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action LIKE 'POST %/resolve' AND result = 'DENIED' AND target = ?",
        "id=" + id)).as("the guard's refusal without step-up").isEqualTo(1);
    // a second resolve finds nothing to resolve
    assertThat(SecurityFixture.code(resolve(id, "{\"reason\":\"again\"}"))).isEqualTo("INVALID_STATE");
    // and the seat goes on from there: its deposit is sent as for any ALLOWLISTED seat
    bed.execute(SecurityFixture.json(bed.post("/v1/seats/" + id + "/deposit", "", true)).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");
  }

  @Test
  void aSlashedSeatIsResolvedOnceItsBalanceCameBackAndSettledWithTheShortfallOnRecord() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String pubkey = Numeric.toHexString(key.pubkey());
    long id = bed.activeSeat(key, "op-exc-slashed");
    String vault = bed.get("/v1/seats/" + id).path("vault").asString();
    var watcher = clWatcher();

    bed.devnet.beacon().slash(key.pubkey());
    for (int i = 0; i < 6 && !bed.state(id).equals("EXCEPTION"); i++) {
      bed.devnet.advanceEpochs(1);
      watcher.tick();
    }
    assertThat(bed.state(id)).as("the real CL watcher moves a slashed seat to EXCEPTION").isEqualTo("EXCEPTION");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("settle").asString()).contains("resolve it first");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString()).contains("deposited");

    // slashed but not yet withdrawn: the evidence does not support a state yet
    HttpResponse<String> early = resolve(id, "{\"reason\":\"slashing reviewed with the operator\"}");
    assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(early)).isEqualTo("EXCEPTION_UNRESOLVED");
    assertThat(early.body()).contains("slashed").contains("withdrawal_done");
    assertThat(bed.state(id)).isEqualTo("EXCEPTION");

    for (int i = 0; i < 40 && !"withdrawal_done".equals(bed.beaconStatus(pubkey)); i++) {
      bed.devnet.advanceEpochs(1);
    }
    assertThat(bed.beaconStatus(pubkey)).isEqualTo("withdrawal_done");
    HttpResponse<String> resolved = resolve(id, "{\"reason\":\"slashed validator withdrawn; settle what came back\"}");
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    assertThat(SecurityFixture.json(resolved).path("state").asString()).isEqualTo("EXITED");
    watcher.tick();
    assertThat(bed.state(id)).as("a resolved seat is not sent back to EXCEPTION by the watcher").isEqualTo("EXITED");

    BigInteger inVault = bed.devnet.chain().balance(vault);
    assertThat(inVault).as("the slashing cost more than the rewards swept").isLessThan(SeatAbi.SEAT_DEPOSIT_WEI);
    String principalTo = bed.devnet.addresses().principalDestination();
    BigInteger treasuryBefore = bed.devnet.chain().balance(principalTo);
    HttpResponse<String> settle = bed.post("/v1/seats/" + id + "/settle", "", true);
    assertThat(settle.statusCode()).as(settle.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(settle).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("SETTLING");
    bed.advanceChainTime(java.time.Duration.ofHours(1));
    bed.execute(bed.newestOperation(id));
    JsonNode seat = bed.get("/v1/seats/" + id);
    assertThat(seat.path("state").asString()).isEqualTo("SETTLED");
    assertThat(new BigInteger(seat.path("principalReturnedWei").asString())).isEqualTo(inVault);
    assertThat(new BigInteger(seat.path("principalShortfallWei").asString()))
        .isEqualTo(SeatAbi.SEAT_DEPOSIT_WEI.subtract(inVault)).isPositive();
    assertThat(seat.path("beneficiaryShareWei").asString()).isEqualTo("0");
    assertThat(bed.devnet.chain().balance(principalTo).subtract(treasuryBefore)).isEqualTo(inVault);
    JsonNode last = seat.path("evidence").get(seat.path("evidence").size() - 1);
    assertThat(last.path("detail").asString()).contains("principal shortfall " + SeatAbi.SEAT_DEPOSIT_WEI.subtract(inVault));
    assertThat(count("SELECT count(*) FROM alerts WHERE kind = 'PRINCIPAL_SHORTFALL' AND severity = 'CRITICAL'"
        + " AND seat_id = ? AND resolved_at IS NULL", id)).isEqualTo(1);
    assertThat(seat.path("evidence").valueStream().map(e -> e.path("to").asString()).toList())
        .containsSubsequence("ACTIVE", "EXCEPTION", "EXITED", "SETTLING", "SETTLED");
  }

  @Test
  void anExceptionSeatWithNothingDepositedIsRevokedAndItsIntentRemovedOnChain() {
    long id = allowlistedSeat("op-exc-revoke");
    toException(id, "test: DEPOSIT_FRONT_RUN by someone else");
    JsonNode next = bed.get("/v1/seats/" + id).path("nextActions");
    assertThat(next.path("revoke").asString()).isEqualTo("allowed");
    assertThat(next.path("deposit").asString()).startsWith("not from EXCEPTION");
    assertThat(next.path("force-exit").asString()).startsWith("not from EXCEPTION");
    HttpResponse<String> noStepUp = bed.post("/v1/seats/" + id + "/revoke", "", false);
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    HttpResponse<String> revoke = bed.post("/v1/seats/" + id + "/revoke", "", true);
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(202);
    assertThat(SecurityFixture.json(revoke).path("operation").path("kind").asString()).isEqualTo("REMOVE_ALLOWLIST_INTENT");
    bed.execute(SecurityFixture.json(revoke).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("REVOKED");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString()).contains("nothing more");
  }

  @Test
  void anExceptionSeatWhose32CtnWereDepositedIsNotRevoked() {
    long id = allowlistedSeat("op-exc-deposited");
    bed.execute(SecurityFixture.json(bed.post("/v1/seats/" + id + "/deposit", "", true)).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");
    toException(id, "test: the validator was slashed");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString()).contains("deposited");
    HttpResponse<String> revoke = bed.post("/v1/seats/" + id + "/revoke", "", true);
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(revoke)).isEqualTo("SEAT_DEPOSITED");
    assertThat(bed.state(id)).isEqualTo("EXCEPTION");
  }
}
