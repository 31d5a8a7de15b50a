package org.centurion.seatmanager.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.config.Environment;

/**
 * A real API on 127.0.0.1 over a fresh, migrated PostgreSQL database, connected as the runtime
 * role (TestDatabases), with a plain JDK HTTP client. Extra environment overrides the defaults (fresh random secrets, development mode).
 */
public final class TestApi implements AutoCloseable {
  private final Application app;
  private final Map<String, String> env;
  private final DatabaseUrl databaseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestApi(Application app, Map<String, String> env, DatabaseUrl databaseUrl) {
    this.app = app;
    this.env = env;
    this.databaseUrl = databaseUrl;
  }

  public static TestApi start() {
    return start(Map.of());
  }

  public static TestApi start(Map<String, String> overrides) {
    return start(overrides, Clock.systemUTC());
  }

  public static TestApi start(Map<String, String> overrides, Clock clock) {
    // migrated as the owner; the API connects as the runtime role, as in production
    DatabaseUrl db = TestDatabases.migrate(TestDatabases.fresh());
    Map<String, String> withDb = new HashMap<>(overrides);
    withDb.putIfAbsent("DATABASE_URL", TestDatabases.asPostgresUrl(db));
    return startOnExisting(withDb, clock);
  }

  /** Against the (already migrated) database named by {@code DATABASE_URL} in {@code overrides}. */
  public static TestApi startOnExisting(Map<String, String> overrides) {
    return startOnExisting(overrides, Clock.systemUTC());
  }

  public static TestApi startOnExisting(Map<String, String> overrides, Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_ENV", "development");
    env.putAll(overrides);
    Config config = ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
    return new TestApi(Application.start(config, clock), Map.copyOf(env), config.database());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  public Application app() {
    return app;
  }

  public Map<String, String> env() {
    return env;
  }

  public DatabaseUrl databaseUrl() {
    return databaseUrl;
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  @Override
  public void close() {
    app.close();
  }
}
