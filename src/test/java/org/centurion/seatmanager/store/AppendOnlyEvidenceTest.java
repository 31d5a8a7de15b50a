package org.centurion.seatmanager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.audit.AuditEvent;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.testing.TestDatabases;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the runtime role can add evidence but never rewrite it. As that role every UPDATE,
 * DELETE, TRUNCATE and DISABLE TRIGGER on each protected table is refused (and changes nothing); the
 * owner still meets the triggers; a role that could rewrite is refused by the serving processes in
 * production.
 */
class AppendOnlyEvidenceTest {
  static DatabaseUrl ownerUrl;
  static Database owner;
  static Database runtime;

  /** Each protected table with one of its triggers (DISABLE TRIGGER names one, or ALL). */
  static final Map<String, String> TRIGGERS = Map.of(
      "audit_log", "audit_log_no_update",
      "seat_evidence", "seat_evidence_no_update",
      "operation_history", "operation_history_no_update",
      "tx_attempts", "tx_attempts_no_rewrite",
      "treasury_deposit_signatures", "treasury_deposit_signatures_no_change");

  @BeforeAll
  static void migrate() {
    ownerUrl = TestDatabases.fresh();
    DatabaseUrl runtimeUrl = TestDatabases.migrate(ownerUrl);
    owner = Database.open(ownerUrl, "evidence-owner", 2);
    runtime = Database.open(runtimeUrl, "evidence-runtime", 2);
    // one row in each protected table, written as the application writes them (the runtime role)
    new AuditLog(runtime.jdbi(), Clock.systemUTC()).append(new AuditEvent("t", "CLI", null, "test.row", null,
        AuditResult.SUCCESS, null, null, null));
    runtime.jdbi().useHandle(h -> {
      long op = h.createQuery("INSERT INTO operations (kind, target, value_wei, calldata, requested_by) VALUES"
          + " ('DEPOSIT', '0x" + "a".repeat(40) + "', 0, '0x', 'test') RETURNING id").mapTo(Long.class).one();
      long intent = h.createQuery("INSERT INTO tx_intents (operation_id, chain_id, sender, nonce, target, value_wei, calldata,"
          + " gas_limit) VALUES (:op, 286, '0x" + "b".repeat(40) + "', 0, 't', 0, '0x', 21000) RETURNING id")
          .bind("op", op).mapTo(Long.class).one();
      h.execute("INSERT INTO tx_attempts (intent_id, tx_hash, raw_tx, max_fee_per_gas, max_priority_fee) VALUES (?, '0x01',"
          + " '0x02', 1, 1)", intent);
      long seat = h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address, withdrawal_credentials,"
          + " state) VALUES ('op', '0x" + "c".repeat(40) + "', '0x" + "d".repeat(96) + "', '0x" + "e".repeat(40) + "', '0x01"
          + "0".repeat(22) + "e".repeat(40) + "', 'CREATED') RETURNING id").mapTo(Long.class).one();
      h.execute("INSERT INTO seat_evidence (seat_id, to_state, actor) VALUES (?, 'CREATED', 'test')", seat);
      h.execute("INSERT INTO treasury_deposit_signatures (pubkey, signed_at) VALUES ('0x" + "d".repeat(96) + "', now())");
    });
  }

  @AfterAll
  static void close() {
    runtime.close();
    owner.close();
  }

  @Test
  void theRuntimeRoleCannotUpdateDeleteTruncateOrDisableTheTriggersOfAnyProtectedTable() {
    List<String> protectedTables = new ArrayList<>(RuntimeGrants.APPEND_ONLY);
    protectedTables.addAll(RuntimeGrants.UPDATE_COLUMNS_ONLY.keySet());
    assertThat(protectedTables).containsExactlyInAnyOrderElementsOf(TRIGGERS.keySet());
    for (String t : protectedTables) {
      long before = count(runtime.jdbi(), t);
      assertThat(before).as(t).isPositive();
      for (String sql : List.of("UPDATE " + t + " SET id = id", "DELETE FROM " + t, "TRUNCATE " + t,
          "ALTER TABLE " + t + " DISABLE TRIGGER ALL", "ALTER TABLE " + t + " DISABLE TRIGGER " + TRIGGERS.get(t),
          "ALTER TABLE " + t + " OWNER TO " + TestDatabases.RUNTIME_ROLE, "DROP TABLE " + t + " CASCADE")) {
        assertThatThrownBy(() -> runtime.jdbi().useHandle(h -> h.execute(sql))).as(sql)
            .hasMessageMatching("(?s).*(permission denied|must be owner).*");
      }
      assertThat(count(runtime.jdbi(), t)).as(t).isEqualTo(before);
    }
    String enabled = runtime.jdbi().withHandle(h -> h.createQuery("SELECT tgenabled FROM pg_trigger WHERE tgname ="
        + " 'audit_log_no_update'").mapTo(String.class).one());
    assertThat(enabled).isEqualTo("O");
  }

  @Test
  void whatWasSignedNeverChangesOnlyItsBroadcastIsRecorded() {
    assertThatThrownBy(() -> runtime.jdbi().useHandle(h -> h.execute("UPDATE tx_attempts SET raw_tx = '0xff'")))
        .hasMessageContaining("permission denied");
    assertThatCode(() -> runtime.jdbi().useHandle(h -> h.execute("UPDATE tx_attempts SET broadcast_at = now(),"
        + " broadcast_error = NULL"))).doesNotThrowAnyException();
    // the owner, past the grants, still meets the trigger on the signed columns
    assertThatThrownBy(() -> owner.jdbi().useHandle(h -> h.execute("UPDATE tx_attempts SET raw_tx = '0xff'")))
        .hasMessageContaining("append-only");
  }

  @Test
  void theOwnerMeetsTheTriggersOnTheEvidenceTables() {
    // (tx_attempts lets its broadcast columns change: the rewrite tried there is of what was signed)
    Map<String, String> rewrite = Map.of("seat_evidence", "to_state = 'ACTIVE'", "operation_history", "status = 'CONFIRMED'",
        "tx_attempts", "tx_hash = '0x09'");
    for (String t : rewrite.keySet()) {
      assertThat(count(owner.jdbi(), t)).as(t).isPositive();
      for (String sql : List.of("UPDATE " + t + " SET " + rewrite.get(t), "DELETE FROM " + t, "TRUNCATE " + t + " CASCADE")) {
        assertThatThrownBy(() -> owner.jdbi().useHandle(h -> h.execute(sql))).as(sql).hasMessageContaining("append-only");
      }
    }
  }

  @Test
  void everyOperationStatusIsKeptInTheHistory() {
    long op = runtime.jdbi().withHandle(h -> h.createQuery("INSERT INTO operations (kind, target, value_wei, calldata,"
        + " requested_by) VALUES ('DEPOSIT', '0x" + "a".repeat(40) + "', 0, '0x', 'test') RETURNING id").mapTo(Long.class).one());
    runtime.jdbi().useHandle(h -> {
      h.execute("UPDATE operations SET status = 'IN_FLIGHT', tx_hash = '0x1' WHERE id = ?", op);
      h.execute("UPDATE operations SET attempts = attempts + 1 WHERE id = ?", op); // no status change: no row
      h.execute("UPDATE operations SET status = 'CONFIRMED', block_hash = '0x2' WHERE id = ?", op);
    });
    List<String> statuses = runtime.jdbi().withHandle(h -> h.createQuery("SELECT status FROM operation_history WHERE"
        + " operation_id = :op ORDER BY id").bind("op", op).mapTo(String.class).list());
    assertThat(statuses).containsExactly("QUEUED", "IN_FLIGHT", "CONFIRMED");
  }

  @Test
  void tablesAddedLaterGetOrdinaryRuntimePrivilegesByDefault() {
    owner.jdbi().useHandle(h -> h.execute("CREATE TABLE later_feature (id bigserial PRIMARY KEY, v text)"));
    assertThatCode(() -> runtime.jdbi().useHandle(h -> {
      h.execute("INSERT INTO later_feature (v) VALUES ('a')");
      h.execute("UPDATE later_feature SET v = 'b'");
      h.execute("DELETE FROM later_feature");
    })).doesNotThrowAnyException();
    assertThatThrownBy(() -> runtime.jdbi().useHandle(h -> h.execute("TRUNCATE later_feature")))
        .hasMessageContaining("permission denied");
  }

  @Test
  void aServingProcessRefusesARoleThatCanRewriteAuditRowsInProductionAndWarnsInDevelopment() {
    assertThatCode(() -> DatabaseRoleGuard.requireRuntimeRole(runtime, true)).doesNotThrowAnyException();
    assertThatThrownBy(() -> DatabaseRoleGuard.requireRuntimeRole(owner, true)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("superuser").hasMessageContaining("SEAT_MANAGER_MIGRATION_DATABASE_URL");
    assertThatCode(() -> DatabaseRoleGuard.requireRuntimeRole(owner, false)).doesNotThrowAnyException();

    owner.jdbi().useHandle(h -> h.execute("GRANT DELETE ON seat_evidence TO " + TestDatabases.RUNTIME_ROLE));
    try {
      assertThatThrownBy(() -> DatabaseRoleGuard.requireRuntimeRole(runtime, true))
          .hasMessageContaining("has DELETE on seat_evidence");
      // db migrate takes the grant back
      new Migrations(owner.dataSource(), Optional.of(TestDatabases.RUNTIME_ROLE)).migrate();
      assertThatCode(() -> DatabaseRoleGuard.requireRuntimeRole(runtime, true)).doesNotThrowAnyException();
    } finally {
      owner.jdbi().useHandle(h -> h.execute("REVOKE DELETE ON seat_evidence FROM " + TestDatabases.RUNTIME_ROLE));
    }
  }

  @Test
  void grantingARoleThatDoesNotExistIsRefusedWithTheFix() {
    assertThatThrownBy(() -> new Migrations(owner.dataSource(), Optional.of("no_such_role")).migrate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist").hasMessageContaining("CREATE ROLE");
    assertThatThrownBy(() -> new Migrations(owner.dataSource(), Optional.of("x; DROP TABLE audit_log")).migrate())
        .isInstanceOf(ConfigException.class);
  }

  private static long count(Jdbi jdbi, String table) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }
}
