package org.centurion.seatmanager.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the keyed, anchored audit chain against the table's owner, who can switch the triggers
 * off. A consistent rewrite, a truncated tail and a forged row are each reported with their own code.
 */
class AuditChainAnchorTest {
  @TempDir Path dir;
  String keyHex;
  AuditChainKey key;
  DatabaseUrl runtimeUrl;
  Jdbi app;
  Jdbi owner;
  AuditAnchorFile anchors;
  AuditLog log;

  @BeforeEach
  void freshChain() {
    DatabaseUrl ownerUrl = TestDatabases.fresh();
    runtimeUrl = TestDatabases.migrate(ownerUrl);
    app = jdbi(runtimeUrl);
    owner = jdbi(ownerUrl);
    keyHex = TestSecrets.hex32();
    key = AuditChainKey.of(Secret.ofHex(keyHex));
    anchors = new AuditAnchorFile(dir.resolve("audit.anchors"));
    log = new AuditLog(app, Clock.systemUTC(), Optional.of(key), Optional.of(anchors));
  }

  @Test
  void theHeadIsAnchoredEveryNRowsAndAnIntactChainChecksAgainstEveryAnchor() throws Exception {
    AuditAnchoring anchoring = new AuditAnchoring(log, anchors, 3, Duration.ofHours(1), Clock.systemUTC());
    assertThat(anchoring.anchorIfDue()).as("nothing to anchor yet").isEmpty();
    List<Long> ids = append(log, 2);
    assertThat(anchoring.anchorIfDue()).as("the first anchor").map(AuditAnchor::id).contains(ids.get(1));
    append(log, 2);
    assertThat(anchoring.anchorIfDue()).as("2 rows since: not due").isEmpty();
    ids = append(log, 1);
    assertThat(anchoring.anchorIfDue()).map(AuditAnchor::id).contains(ids.get(0));
    assertThat(Files.readAllLines(anchors.path())).hasSize(2).allMatch(l -> l.matches("v1 id=\\d+ hash=[0-9a-f]{64} keyed_from=\\d+ at=.*"));

    AuditVerification v = log.verify();
    assertThat(v.intact()).as(String.valueOf(v)).isTrue();
    assertThat(v.rowsChecked()).isEqualTo(5);
    assertThat(v.anchorsChecked()).isEqualTo(2);
    Boolean allKeyed = app.withHandle(h -> h.createQuery("SELECT bool_and(keyed) FROM audit_log").mapTo(Boolean.class).one());
    assertThat(allKeyed).isTrue();
  }

  @Test
  void aConsistentRewriteIsCaughtByTheAnchorEvenWithTheKey() {
    List<Long> ids = append(log, 5);
    anchorNow();
    // the strongest attacker: the owner's rights and the key; every hash from the altered row on recomputed
    rewriteFrom(ids.get(1), "actor = 'mallory'", Optional.of(key));
    AuditVerification withoutAnchors = log.verify(List.of());
    assertThat(withoutAnchors.intact()).as("the chain alone cannot tell").isTrue();

    AuditVerification v = log.verify();
    assertThat(v.intact()).isFalse();
    assertThat(v.code()).isEqualTo(AuditVerification.CHAIN_REWRITTEN);
    assertThat(v.firstBrokenId()).isEqualTo(ids.get(4));
  }

  @Test
  void aTruncatedTailIsReportedAsSuchAlsoByTheCommand() throws Exception {
    List<Long> ids = append(log, 5);
    anchorNow();
    owner.useHandle(h -> {
      h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
      h.execute("DELETE FROM audit_log WHERE id >= ?", ids.get(3));
      h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    AuditVerification v = log.verify();
    assertThat(v.intact()).isFalse();
    assertThat(v.code()).isEqualTo(AuditVerification.CHAIN_TRUNCATED);
    assertThat(v.firstBrokenId()).isEqualTo(ids.get(4));
    assertThat(v.problem()).contains("tail");

    Map<String, String> env = Map.of("DATABASE_URL", TestDatabases.asPostgresUrl(runtimeUrl),
        "SEAT_MANAGER_AUDIT_CHAIN_KEY", keyHex, "SEAT_MANAGER_AUDIT_ANCHOR_FILE", anchors.path().toString(),
        "SEAT_MANAGER_ENV", "development");
    try (ChildProcess verify = ChildProcess.start(env, dir, "audit", "verify", "--env-file", dir.resolve("none.env").toString())) {
      assertThat(verify.waitFor(60)).as(verify.stderr()).isEqualTo(1);
      assertThat(verify.stdout()).contains(AuditVerification.CHAIN_TRUNCATED + ": row " + ids.get(4));
      assertThat(verify.stdout() + verify.stderr()).doesNotContain(keyHex);
    }
  }

  @Test
  void aRowInsertedWithoutTheKeyIsForgedWhateverItClaims() {
    List<Long> ids = append(log, 3);
    anchorNow();
    byte[] head = hashOf(ids.get(2));
    // unkeyed, with a correct SHA-256 link: the database alone would have accepted it before issue 14
    long forged = insertForged(head, false, Optional.empty());
    AuditVerification v = log.verify();
    assertThat(v.code()).isEqualTo(AuditVerification.ROW_FORGED);
    assertThat(v.firstBrokenId()).isEqualTo(forged);

    owner.useHandle(h -> {
      h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
      h.execute("DELETE FROM audit_log WHERE id = ?", forged);
      h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    assertThat(log.verify().intact()).isTrue();
    // claims to be keyed, under a key of the attacker's own
    AuditChainKey guessed = AuditChainKey.of(Secret.ofHex(TestSecrets.hex32()));
    long forgedKeyed = insertForged(head, true, Optional.of(guessed));
    AuditVerification w = log.verify();
    assertThat(w.code()).isEqualTo(AuditVerification.ROW_FORGED);
    assertThat(w.firstBrokenId()).isEqualTo(forgedKeyed);
  }

  @Test
  void anUnkeyedHistoryStaysCheckableAndIsKeyedFromTheFirstKeyedRowOn() {
    AuditLog legacy = new AuditLog(app, Clock.systemUTC());
    List<Long> old = append(legacy, 3);
    List<Long> keyed = append(log, 3);
    AuditAnchor a = anchorNow();
    assertThat(a.keyedFrom()).contains(keyed.get(0));
    assertThat(log.verify().intact()).isTrue();
    // an unkeyed row altered in place is still found, with its own code
    owner.useHandle(h -> {
      h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
      h.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", old.get(1));
      h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    assertThat(log.verify().code()).isEqualTo(AuditVerification.ROW_ALTERED);
    owner.useHandle(h -> {
      h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
      h.execute("UPDATE audit_log SET actor = 'honest' WHERE id = ?", old.get(1));
      h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    // a downgrade: the keyed rows rewritten as plain SHA-256 links, consistently, and marked unkeyed
    rewriteFrom(keyed.get(0), "actor = 'mallory'", Optional.empty());
    AuditVerification v = log.verify();
    assertThat(v.code()).isEqualTo(AuditVerification.ROW_FORGED);
    assertThat(v.firstBrokenId()).isEqualTo(keyed.get(0));
  }

  private AuditAnchor anchorNow() {
    return new AuditAnchoring(log, anchors, 100, Duration.ofMinutes(5), Clock.systemUTC()).anchorNow().orElseThrow();
  }

  private static List<Long> append(AuditLog to, int n) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(to.append(new AuditEvent("honest", "CLI", null, "test.row", "n:" + i, AuditResult.SUCCESS, null, null, null)).id());
    }
    return ids;
  }

  private byte[] hashOf(long id) {
    return owner.withHandle(h -> h.createQuery("SELECT hash FROM audit_log WHERE id = :id").bind("id", id)
        .mapTo(byte[].class).one());
  }

  private long insertForged(byte[] prev, boolean keyed, Optional<AuditChainKey> underKey) {
    return owner.withHandle(h -> {
      long id = h.createQuery("SELECT nextval('audit_log_id_seq')").mapTo(Long.class).one();
      OffsetDateTime at = OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      byte[] hash = underKey.isPresent()
          ? AuditChain.keyedHash(underKey.get(), prev, id, at.toInstant(), "mallory", "CLI", null, "test.row", null,
              "SUCCESS", null, null, null, null)
          : AuditChain.hash(prev, id, at.toInstant(), "mallory", "CLI", null, "test.row", null, "SUCCESS", null, null, null, null);
      h.createUpdate("INSERT INTO audit_log (id, at, actor, auth_kind, action, result, prev_hash, hash, keyed) VALUES"
              + " (:id, :at, 'mallory', 'CLI', 'test.row', 'SUCCESS', :prev, :hash, :keyed)")
          .bind("id", id).bind("at", at).bind("prev", prev).bind("hash", hash).bind("keyed", keyed).execute();
      return id;
    });
  }

  /** As the owner: alters row {@code from} and recomputes every link from it on (keyed under {@code with}, else SHA-256). */
  private void rewriteFrom(long from, String change, Optional<AuditChainKey> with) {
    owner.useHandle(h -> {
      h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
      h.execute("UPDATE audit_log SET " + change + " WHERE id = ?", from);
      byte[] prev = h.createQuery("SELECT prev_hash FROM audit_log WHERE id = :id").bind("id", from).mapTo(byte[].class).one();
      for (Map<String, Object> r : h.createQuery("SELECT * FROM audit_log WHERE id >= :id ORDER BY id").bind("id", from)
          .mapToMap().list()) {
        long id = (Long) r.get("id");
        java.time.Instant at = ((java.sql.Timestamp) r.get("at")).toInstant();
        String[] f = {(String) r.get("actor"), (String) r.get("auth_kind"), (String) r.get("role"), (String) r.get("action"),
            (String) r.get("target"), (String) r.get("result"), (String) r.get("reason"), (String) r.get("request_id"),
            (String) r.get("client_ip")};
        Long attempt = (Long) r.get("attempt_id");
        byte[] hash = with.isPresent()
            ? AuditChain.keyedHash(with.get(), prev, id, at, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], attempt)
            : AuditChain.hash(prev, id, at, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], attempt);
        h.execute("UPDATE audit_log SET prev_hash = ?, hash = ?, keyed = ? WHERE id = ?", prev, hash, with.isPresent(), id);
        prev = hash;
      }
      h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
  }

  private static Jdbi jdbi(DatabaseUrl url) {
    return Jdbi.create(() -> java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null),
        url.password().orElse(null)));
  }
}
