package org.centurion.seatmanager.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.metrics.MetricsServer;
import org.centurion.seatmanager.metrics.MetricsSettings;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.SchemaStatus;
import org.centurion.seatmanager.store.DatabaseRoleGuard;
import org.centurion.seatmanager.store.SchemaGuard;
import org.centurion.seatmanager.web.ApiServer;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.HealthCheck;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.web.console.ConsoleFeature;
import org.centurion.seatmanager.web.routes.RouteRegistry;

/**
 * The {@code api} side of a process: the HTTP server over the features {@link Components} builds.
 * It opens the port only once the schema is current.
 */
public final class Application implements AutoCloseable {
  private final Components components;
  private final boolean ownsComponents;
  private final ApiServer server;
  private final RouteRegistry routes;
  private final List<AutoCloseable> resources;

  private Application(Components components, boolean ownsComponents, Served served, List<AutoCloseable> resources) {
    this.components = components;
    this.ownsComponents = ownsComponents;
    this.server = served.server();
    this.routes = served.routes();
    this.resources = resources;
  }

  /** Builds its own components ({@link Components.Pool#API}), refuses a schema that is not current, and serves. */
  public static Application start(Config config, Clock clock) {
    Components components = Components.open(config, Components.Pool.API, clock);
    try {
      return start(components, true);
    } catch (RuntimeException e) {
      components.close();
      throw e;
    }
  }

  /** Serves over components the caller owns and closes ({@code api-watch} shares them with the watchers). */
  public static Application start(Components components) {
    return start(components, false);
  }

  private static Application start(Components components, boolean owns) {
    Config config = components.config();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      SchemaGuard.requireCurrent(components.database());
      DatabaseRoleGuard.requireRuntimeRole(components.database(), config.isProduction());
      Served served = buildServer(components, resources);
      served.server().start(config.http().host(), config.http().port());
      return new Application(components, owns, served, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /** The server and the registry of the routes it serves. */
  record Served(RouteRegistry routes, ApiServer server) {}

  static Served buildServer(Components c, List<AutoCloseable> resources) {
    Config config = c.config();
    Database db = c.database();
    SchemaStatus schema = new SchemaStatus(db);
    HealthCheck health = new HealthCheck(() -> db.isReachable() && schema.current().isCurrent(), c.clock());
    SecurityFeature security = c.security();
    ConsoleFeature console = c.console();
    RouteRegistry routes = RouteRegistry.of(health, Version.current(), config.http().openApiPublic(), security, c.seats(), c.operator(), c.dashboard(),
        console, c.ops(), c.evidenceExport(), c.clock());
    if (config.http().metricsPort().isEmpty()) {
      return new Served(routes,
          new ApiServer(routes.endpoints(), security.guard(), config.security().secureCookies(), console.errors()));
    }
    resources.add(MetricsServer.start(new MetricsSettings(config.http().metricsHost(), config.http().metricsPort().get(),
        Duration.ofSeconds(15)), c.metrics()));
    return new Served(routes, new ApiServer(routes.endpoints(), security.guard(), config.security().secureCookies(),
        console.errors(), c.metrics().registry()));
  }

  public int port() {
    return server.port();
  }

  /** The registered routes' metadata, from the route registry (as the OpenAPI document reads it). */
  public List<EndpointSpec> specs() {
    return routes.specs();
  }

  public Database database() {
    return components.database();
  }

  /** Stops accepting, lets in-flight requests finish, then closes the pool. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      closeAll(resources);
      if (ownsComponents) {
        components.close();
      }
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
