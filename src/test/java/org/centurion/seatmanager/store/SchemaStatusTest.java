package org.centurion.seatmanager.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the serving process's schema status is computed by Flyway once, not per health request,
 * yet a migration made by another process (a newer build) is still seen at the next call.
 */
class SchemaStatusTest {
  static DatabaseUrl ownerUrl;
  static Database owner;
  static Database runtime;

  @BeforeAll
  static void migrate() {
    ownerUrl = TestDatabases.fresh();
    runtime = Database.open(TestDatabases.migrate(ownerUrl), "schema-status-runtime", 2);
    owner = Database.open(ownerUrl, "schema-status-owner", 2);
  }

  @AfterAll
  static void close() {
    runtime.close();
    owner.close();
  }

  @Test
  void flywayRunsOnceWhileTheHistoryIsUnchangedAndAgainWhenAnotherProcessMigrates() {
    SchemaStatus schema = new SchemaStatus(runtime);
    for (int i = 0; i < 20; i++) {
      assertThat(schema.current().isCurrent()).isTrue();
    }
    assertThat(schema.computations()).isEqualTo(1);

    // a newer build migrates the same database while this process serves: its row is in the history
    owner.jdbi().useHandle(h -> h.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
        + " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '9999', 'from a newer"
        + " build', 'SQL', 'V9999__from_a_newer_build.sql', 42, current_user, 1, true FROM flyway_schema_history"));
    try {
      MigrationStatus after = schema.current();
      assertThat(after.isCurrent()).isFalse();
      assertThat(after.in(MigrationStatus.State.UNKNOWN_TO_THIS_BUILD)).extracting(MigrationStatus.Entry::version)
          .containsExactly("9999");
      assertThat(schema.computations()).isEqualTo(2);
      assertThat(schema.current().isCurrent()).isFalse();
      assertThat(schema.computations()).isEqualTo(2);
    } finally {
      owner.jdbi().useHandle(h -> h.execute("DELETE FROM flyway_schema_history WHERE version = '9999'"));
    }
    assertThat(schema.current().isCurrent()).isTrue();
    assertThat(schema.computations()).isEqualTo(3);
  }

  @Test
  void aFailedMigrationRecordedInPlaceIsSeen() {
    SchemaStatus schema = new SchemaStatus(runtime);
    assertThat(schema.current().isCurrent()).isTrue();
    // same row count and ranks: only the success flag changes (a repair or a failed re-run rewrites it)
    owner.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = false WHERE installed_rank ="
        + " (SELECT max(installed_rank) FROM flyway_schema_history)"));
    try {
      assertThat(schema.current().in(MigrationStatus.State.FAILED)).hasSize(1);
    } finally {
      owner.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = true WHERE installed_rank ="
          + " (SELECT max(installed_rank) FROM flyway_schema_history)"));
    }
    assertThat(schema.current().isCurrent()).isTrue();
  }
}
