package org.centurion.seatmanager.audit;

import io.javalin.http.Context;
import java.time.Clock;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.web.ApiServer;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.RequestGuard;
import org.centurion.seatmanager.web.routes.RouteRegistry;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.CrashPoint;

/**
 * Test-only entry point: the security routes behind the real {@link org.centurion.seatmanager.web.auth.SecurityGuard},
 * except that when a write's handler has returned (its transaction committed) the process announces
 * it on stdout and freezes right where the outcome row would be appended, so the crash test can
 * SIGKILL it at exactly that point. Nothing in the product has a hook for this: the freeze is a
 * decorator of the guard, built here.
 */
public final class AuditCrashChildMain {
  public static final String LISTENING = "AUDIT-CRASH LISTENING ";
  public static final String REACHED = "AUDIT-CRASH REACHED OUTCOME ";

  private AuditCrashChildMain() {}

  public static void main(String[] args) {
    Config config = ConfigLoader.load(new Environment(System.getenv()), "127.0.0.1", 0);
    Database db = Database.open(config.database(), "audit-crash-child", 2);
    Clock clock = Clock.systemUTC();
    SecurityFeature security = new SecurityFeature(config.secrets(), config.security(), db.jdbi(), clock);
    ApiServer server = new ApiServer(RouteRegistry.security(security, clock), freezeBeforeOutcome(security.guard()), false)
        .start("127.0.0.1", 0);
    System.out.println(LISTENING + server.port());
    System.out.flush();
  }

  private static RequestGuard freezeBeforeOutcome(RequestGuard real) {
    return new RequestGuard() {
      @Override
      public Caller admit(Context ctx, EndpointSpec spec, String requestId) {
        return real.admit(ctx, spec, requestId);
      }

      @Override
      public void beforeWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId) {
        real.beforeWrite(ctx, spec, caller, requestId);
      }

      @Override
      public void afterWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId, int status,
          String errorCode) {
        CrashPoint.announceAndFreeze(REACHED + requestId + " status=" + status);
      }
    };
  }
}
