package org.centurion.seatmanager.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void pendingMigrationMakesHealth503() {
    try (TestApi api = TestApi.start();
        Database db = Database.open(TestDatabases.owner(api.databaseUrl()), "health-test", 1)) {
      assertThat(api.get("/health").statusCode()).isEqualTo(200);
      // As if a deployment rolled the schema back underneath a running instance.
      db.jdbi().useHandle(h -> h.execute("DELETE FROM flyway_schema_history WHERE version = '1'"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        var r = api.get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"unavailable\"}");
      });
    }
  }

  @Test
  void stoppedDatabaseMakesHealth503AndRecoveryIsNoticed() throws Exception {
    EmbeddedPostgres pg = TestDatabases.startPrivateServer();
    int port = pg.getPort();
    DatabaseUrl url = DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + port + "/postgres");
    try (Database db = Database.open(url, "migrate", 3)) {
      new org.centurion.seatmanager.store.Migrations(db.dataSource()).migrate();
    }
    try (TestApi api = startOn(url)) {
      assertThat(api.get("/health").statusCode()).isEqualTo(200);
      pg.close();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(api.get("/health").statusCode()).isEqualTo(503));
    }
  }

  private static TestApi startOn(DatabaseUrl url) {
    return TestApi.startOnExisting(Map.of("DATABASE_URL", TestDatabases.asPostgresUrl(url)));
  }
}
