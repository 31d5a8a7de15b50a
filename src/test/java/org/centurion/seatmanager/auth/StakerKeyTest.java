package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.web.auth.SecurityFeature;

import org.centurion.seatmanager.web.auth.SecurityGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.ApiServer;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.routes.RouteRegistry;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CSM-04 at the guard: staker keys bound to one address. The staker routes themselves arrive with
 * the seat feature, so this test serves probe routes with the same specs behind the real guard.
 */
class StakerKeyTest {
  static final String ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";
  static final String OTHER = "0x8617E340B3D01FA5F11F306F4090FD50E238070D";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static TestClock clock = TestClock.now();
  static Database db;
  static SecurityFeature feature;
  static ApiServer server;
  static ApiServer openServer;

  /** Echoes who the guard admitted. */
  record Probe(EndpointSpec spec) implements Endpoint {
    @Override
    public void handle(ApiRequest r) {
      r.ctx().json(Map.of("kind", r.caller().kind().name(), "address", r.caller().stakerAddress().orElse("-")));
    }
  }

  static List<Endpoint> probes() {
    return List.of(
        new Probe(EndpointSpec.get("/v1/validators/{address}").users(Role.VIEWER).alsoStakerKeys().build()),
        new Probe(EndpointSpec.get("/v1/validator/{pubkey}").users(Role.VIEWER).alsoStakerKeys().build()),
        new Probe(EndpointSpec.post("/v1/probe-write").users(Role.VIEWER).alsoStakerKeys().build()));
  }

  static Config.Security security(boolean requireStakerAuth) {
    return new Config.Security(Optional.empty(), Optional.empty(), false, requireStakerAuth, Duration.ofMinutes(30),
        Duration.ofHours(12), 5, Duration.ofMinutes(15), 1000, 1000);
  }

  @BeforeAll
  static void start() {
    var url = TestDatabases.fresh();
    db = Database.open(url, "staker-test", 4);
    new Migrations(db.dataSource()).migrate();
    Config.Secrets secrets = new Config.Secrets(Secret.ofHex(TestSecrets.hex32()), Secret.ofHex(TestSecrets.hex32()));
    feature = new SecurityFeature(secrets, security(true), db.jdbi(), clock);
    List<Endpoint> endpoints = new ArrayList<>(RouteRegistry.security(feature, clock));
    endpoints.addAll(probes());
    server = new ApiServer(endpoints, feature.guard(), false).start("127.0.0.1", 0);
    SecurityFeature open = new SecurityFeature(secrets, security(false), db.jdbi(), clock);
    List<Endpoint> openEndpoints = new ArrayList<>(RouteRegistry.security(open, clock));
    openEndpoints.addAll(probes());
    openServer = new ApiServer(openEndpoints, open.guard(), false).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    openServer.close();
    db.close();
  }

  static HttpResponse<String> get(ApiServer s, String path, String key, String address) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (address != null) {
      b.header(SecurityGuard.STAKER_ADDRESS_HEADER, address);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static String key() {
    return feature.stakerKeys().create(ADDRESS, "test", Optional.empty(), "test").secret();
  }

  static final String PUBKEY_PATH = "/v1/validator/0x" + "ab".repeat(48);

  @Test
  void aKeyReadsOnlyWithItsOwnAddress() throws Exception {
    String key = key();
    HttpResponse<String> ok = get(server, PUBKEY_PATH, key, ADDRESS);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).path("kind").asString()).isEqualTo("STAKER_KEY");
    assertThat(json(ok).path("address").asString()).isEqualTo(ADDRESS);
    assertThat(get(server, PUBKEY_PATH, key, ADDRESS.toLowerCase()).statusCode()).isEqualTo(200);
    assertThat(get(server, "/v1/validators/" + ADDRESS, key, ADDRESS).statusCode()).isEqualTo(200);

    HttpResponse<String> missing = get(server, PUBKEY_PATH, key, null);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(code(missing)).isEqualTo("STAKER_ADDRESS_REQUIRED");
    assertThat(code(get(server, PUBKEY_PATH, key, OTHER))).isEqualTo("STAKER_ADDRESS_MISMATCH");
    assertThat(code(get(server, PUBKEY_PATH, key, "not-an-address"))).isEqualTo("STAKER_ADDRESS_MISMATCH");
    // the header cannot talk a key into another address's route
    assertThat(code(get(server, "/v1/validators/" + OTHER, key, ADDRESS))).isEqualTo("STAKER_ADDRESS_MISMATCH");
    assertThat(code(get(server, "/v1/validators/" + OTHER, key, OTHER))).isEqualTo("STAKER_ADDRESS_MISMATCH");
  }

  @Test
  void keysAreReadOnlyAndLimitedToStakerRoutes() throws Exception {
    String key = key();
    HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/probe-write"))
        .header("Authorization", "Bearer " + key).header(SecurityGuard.STAKER_ADDRESS_HEADER, ADDRESS)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(code(write)).isEqualTo("IDENTITY_NOT_ALLOWED");
    assertThat(code(get(server, "/v1/users", key, ADDRESS))).isEqualTo("IDENTITY_NOT_ALLOWED");
    assertThat(code(get(server, "/v1/audit-logs", key, ADDRESS))).isEqualTo("IDENTITY_NOT_ALLOWED");
  }

  @Test
  void revokedExpiredAndUnknownKeysAreRefused() throws Exception {
    StakerKeyService.Created c = feature.stakerKeys().create(ADDRESS, "short", Optional.of(clock.instant()
        .plus(Duration.ofHours(1))), "test");
    assertThat(get(server, PUBKEY_PATH, c.secret(), ADDRESS).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(get(server, PUBKEY_PATH, c.secret(), ADDRESS).statusCode()).isEqualTo(401);

    String revoked = key();
    long id = feature.stakerKeys().list().stream().mapToLong(StakerKey::id).max().orElseThrow();
    assertThat(feature.stakerKeys().revoke(id)).isTrue();
    HttpResponse<String> r = get(server, PUBKEY_PATH, revoked, ADDRESS);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("INVALID_CREDENTIALS");
    assertThat(get(server, PUBKEY_PATH, "smk_" + Tokens.random256(), ADDRESS).statusCode()).isEqualTo(401);
  }

  @Test
  void sixtyReadsPerMinutePerKey() throws Exception {
    String key = key();
    int ok = 0;
    for (int i = 0; i < 60; i++) {
      ok += get(server, PUBKEY_PATH, key, ADDRESS).statusCode() == 200 ? 1 : 0;
    }
    assertThat(ok).isEqualTo(60);
    HttpResponse<String> limited = get(server, PUBKEY_PATH, key, ADDRESS);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(code(limited)).isEqualTo("RATE_LIMITED");
    assertThat(get(server, PUBKEY_PATH, key(), ADDRESS).statusCode()).as("other keys unaffected").isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    assertThat(get(server, PUBKEY_PATH, key, ADDRESS).statusCode()).isEqualTo(200);
  }

  @Test
  void createdByAnAdminShownOnceAndStoredOnlyAsAnHmac() throws Exception {
    var users = feature.users();
    UserService.Created c = users.create(SecurityFixture.uniqueName("admin"), Role.ADMIN, Optional.empty());
    String pw = "Perm-" + Tokens.random256();
    users.changeOwnPassword(c.user().id(), c.generatedPassword().orElseThrow(), pw, -1);
    NewSession s = feature.sessions().create(users.find(c.user().id()).orElseThrow(), "127.0.0.1");
    String base = "http://127.0.0.1:" + server.port();
    java.util.function.Supplier<String> stepUpFresh = () -> {
      try {
        HttpResponse<String> su = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/step-up"))
            .header("Authorization", "Bearer " + s.token()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"password\":" + SecurityFixture.quote(pw)
                + ",\"route\":\"POST /v1/staker-keys\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return json(su).path("stepUpToken").asString();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/staker-keys"))
        .header("Authorization", "Bearer " + s.token()).header(StepUpService.HEADER, stepUpFresh.get())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"stakerAddress\":\"0x52908400098527886e0F7030069857D2E4169EE7\","
            + "\"label\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(code(bad)).isEqualTo("INVALID_ADDRESS");
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/staker-keys"))
        .header("Authorization", "Bearer " + s.token()).header(StepUpService.HEADER, stepUpFresh.get())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"stakerAddress\":\"" + ADDRESS.toLowerCase() + "\","
            + "\"label\":\"alice\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String apiKey = json(created).path("apiKey").asString();
    assertThat(apiKey).startsWith("smk_");
    assertThat(json(created).path("key").path("stakerAddress").asString()).isEqualTo(ADDRESS);
    HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/staker-keys"))
        .header("Authorization", "Bearer " + s.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.body()).contains("alice").doesNotContain(apiKey);
    long leaks = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM staker_keys WHERE"
        + " position(convert_to(:k, 'UTF8') in key_hmac) > 0 OR label = :k").bind("k", apiKey).mapTo(Long.class).one());
    assertThat(leaks).isZero();
    assertThat(get(server, PUBKEY_PATH, apiKey, ADDRESS).statusCode()).isEqualTo(200);
  }

  @Test
  void withStakerAuthOffAnonymousReadsReachOnlyStakerRoutes() throws Exception {
    assertThat(get(openServer, PUBKEY_PATH, null, null).statusCode()).isEqualTo(200);
    assertThat(get(openServer, "/v1/users", null, null).statusCode()).isEqualTo(401);
    assertThat(get(server, PUBKEY_PATH, null, null).statusCode()).isEqualTo(401);
  }
}
