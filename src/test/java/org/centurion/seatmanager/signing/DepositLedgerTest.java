package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The velocity limit's two ledgers: a rolling 24-hour window of distinct pubkeys that survives a restart. */
class DepositLedgerTest {
  private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  private static Database db;

  @TempDir Path dir;

  @BeforeAll
  static void database() {
    db = Database.open(TestDatabases.fresh(), "ledger-test", 2);
    new Migrations(db.dataSource()).migrate();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static String pubkey(int i) {
    return "0x" + String.format("%096x", i);
  }

  private static void assertRollingWindow(DepositLedger ledger) {
    assertThat(ledger.reserve(pubkey(1), T0, 2)).isTrue();
    assertThat(ledger.reserve(pubkey(2), T0.plusSeconds(60), 2)).isTrue();
    assertThat(ledger.reserve(pubkey(1), T0.plusSeconds(120), 2)).as("a replacement of the same deposit").isTrue();
    assertThat(ledger.reserve(pubkey(3), T0.plusSeconds(180), 2)).isFalse();
    assertThat(ledger.reserve(pubkey(3), T0.plus(Duration.ofHours(24)).minusSeconds(1), 2)).as("pubkey 1 is still inside")
        .isFalse();
    assertThat(ledger.reserve(pubkey(3), T0.plus(Duration.ofHours(24)), 2)).as("24 hours after pubkey 1").isTrue();
  }

  @Test
  void theSignersFileLedgerRollsOver24HoursAndSurvivesARestart() throws Exception {
    Path file = dir.resolve("deposit-ledger");
    assertRollingWindow(new FileDepositLedger(file));
    FileDepositLedger restarted = new FileDepositLedger(file);
    assertThat(restarted.reserve(pubkey(4), T0.plus(Duration.ofHours(24)).plusSeconds(2), 2)).isFalse();
    assertThat(Files.readAllLines(file)).hasSize(3);
    Files.writeString(file, "garbage\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> new FileDepositLedger(file)).isInstanceOf(IllegalStateException.class).hasMessageContaining("line 4");
  }

  @Test
  void theExecutorsDatabaseLedgerRollsOver24HoursAndIsAppendOnly() {
    db.jdbi().useHandle(h -> h.execute("TRUNCATE treasury_deposit_signatures"));
    assertRollingWindow(new DatabaseDepositLedger(db.jdbi()));
    assertThat(new DatabaseDepositLedger(db.jdbi()).reserve(pubkey(4), T0.plus(Duration.ofHours(24)).plusSeconds(2), 2)).isFalse();
    assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM treasury_deposit_signatures")))
        .hasMessageContaining("append-only");
  }
}
