package org.centurion.seatmanager.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.web.console.ConsoleFeature;
import org.centurion.seatmanager.dashboard.DashboardFeature;
import org.centurion.seatmanager.web.ApiServer;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.HealthCheck;
import org.centurion.seatmanager.web.routes.RouteRegistry;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.keys.KeyProcessClient;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.seats.SeatChainSettings;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.seats.SeatsSettings;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.store.DatabaseRoleGuard;
import org.centurion.seatmanager.store.SchemaGuard;

/**
 * The composition root: builds every service of the API from {@link Config} with plain
 * constructors. A test builds the same graph against its own database.
 */
public final class Application implements AutoCloseable {
  /** Bound on one key-process round trip: issuing derives a key and encrypts a keystore (PBKDF2, about a second). */
  static final Duration KEY_PROCESS_TIMEOUT = Duration.ofSeconds(60);

  private final Database database;
  private final ApiServer server;
  private final RouteRegistry routes;
  private final List<AutoCloseable> resources;

  private Application(Database database, Served served, List<AutoCloseable> resources) {
    this.database = database;
    this.server = served.server();
    this.routes = served.routes();
    this.resources = resources;
  }

  /** Opens the database, refuses a schema that is not current, and serves on the configured address. */
  public static Application start(Config config, Clock clock) {
    Database db = Database.open(config.database(), "seat-manager-api", 16);
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      SchemaGuard.requireCurrent(db);
      DatabaseRoleGuard.requireRuntimeRole(db, config.isProduction());
      Served served = buildServer(config, db, clock, resources);
      served.server().start(config.http().host(), config.http().port());
      return new Application(db, served, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      db.close();
      throw e;
    }
  }

  /** The server and the registry of the routes it serves. */
  record Served(RouteRegistry routes, ApiServer server) {}

  static Served buildServer(Config config, Database db, Clock clock, List<AutoCloseable> resources) {
    Migrations migrations = new Migrations(db.dataSource());
    HealthCheck health = new HealthCheck(() -> db.isReachable() && migrations.status().isCurrent(), clock);
    SecurityFeature security = new SecurityFeature(config.secrets(), config.security(), config.audit(), db.jdbi(), clock,
        ConsoleFeature.PASSWORD_CHANGE_ROUTES);
    SeatsFeature seats = new SeatsFeature(seatsSettings(config), db.jdbi(), new OperationService(db.jdbi()), clock);
    DashboardFeature dashboard = new DashboardFeature(config, db, DashboardFeature.signerInfo(config.writes()), clock);
    resources.add(dashboard);
    config.http().metricsPort().ifPresent(port -> resources.add(org.centurion.seatmanager.metrics.MetricsServer.start(
        new org.centurion.seatmanager.metrics.MetricsSettings(config.http().metricsHost(), port, Duration.ofSeconds(15)),
        new org.centurion.seatmanager.metrics.SeatManagerMetrics(db.jdbi(), dashboard.queue(), dashboard.cursors(),
            dashboard.probe(), dashboard.alerts(), clock))));
    ConsoleFeature console = new ConsoleFeature(security, seats);
    RouteRegistry routes = RouteRegistry.of(health, Version.current(), security, seats, dashboard, console, clock);
    return new Served(routes,
        new ApiServer(routes.endpoints(), security.guard(), config.security().secureCookies(), console.errors()));
  }

  /**
   * The seats feature's settings from {@link Config}. Managed keys (generate) are on only with writes
   * enabled and the key process configured (SEAT_MANAGER_KEYS_SOCKET, or _PORT with _SECRET): this
   * process never reads the mnemonic or a keystore password.
   */
  public static SeatsSettings seatsSettings(Config config) {
    Config.Chain c = config.chain();
    Optional<SeatChainSettings> chain = Optional.empty();
    if (c.depositContract().isPresent() && c.vaultFactory().isPresent() && c.router().isPresent()
        && c.principalDestination().isPresent()) {
      chain = Optional.of(new SeatChainSettings(c.chainId(), c.depositContract().get(), c.vaultFactory().get(),
          c.router().get(), c.principalDestination().get(), c.vaultCodeHash(),
          config.deposits().depositContractFromBlock(), c.maxExitFeeWei()));
    }
    return new SeatsSettings(config.writes().enabled(), c.allowMultipleSeatsPerOperator(), chain,
        c.executionEndpoints(), c.beaconEndpoints(), Duration.ofSeconds(10),
        config.deposits().genesisForkVersion().map(ForkVersion::parse), config.deposits().verifySignature(),
        config.deposits().keyProcess().map(Application::keyProcessClient));
  }

  /** The client of the key process; it connects per request (never at start). */
  static KeyProcessClient keyProcessClient(Config.RemoteSigner where) {
    SignerEndpoint endpoint = where.socket().<SignerEndpoint>map(SignerEndpoint.UnixSocket::new)
        .orElseGet(() -> new SignerEndpoint.LoopbackTcp(where.port().orElseThrow()));
    Optional<SharedSecret> secret = where.secret().map(s -> {
      byte[] b = s.bytes();
      try {
        return SharedSecret.fromHex(java.util.HexFormat.of().formatHex(b));
      } finally {
        java.util.Arrays.fill(b, (byte) 0);
      }
    });
    return new KeyProcessClient(endpoint, secret, KEY_PROCESS_TIMEOUT, Clock.systemUTC());
  }

  public int port() {
    return server.port();
  }

  /** The registered routes' metadata, from the route registry (as the OpenAPI document reads it). */
  public List<EndpointSpec> specs() {
    return routes.specs();
  }

  public Database database() {
    return database;
  }

  /** Stops accepting, lets in-flight requests finish, then closes the pool. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      closeAll(resources);
      database.close();
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources.reversed()) {
      try {
        r.close();
      } catch (Exception ignored) {
        // closing is best effort: the process is stopping
      }
    }
  }
}
