package org.centurion.seatmanager.web;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.problem.Problem;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson3;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.argument.StructuredArguments;
import org.centurion.seatmanager.store.DatabaseUnavailable;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The HTTP server: registers every {@link Endpoint} behind the {@link RequestGuard}, renders
 * errors in the one JSON shape, adds request ids and security headers, and logs one access line
 * per request.
 */
public final class ApiServer implements AutoCloseable {
  static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String REQUEST_ID = "requestId";
  private static final String UNMATCHED = "(unmatched)";
  /** Every route's answer while PostgreSQL is away. */
  public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
  /** Set on requests to HTML routes: their refusals go to {@link PageErrors}. */
  private static final String HTML_ROUTE = "sm.htmlRoute";

  private final Javalin app;
  private final List<EndpointSpec> specs;

  public ApiServer(List<Endpoint> endpoints, RequestGuard guard, boolean secureCookies) {
    this(endpoints, guard, secureCookies, PageErrors.PLAIN);
  }

  public ApiServer(List<Endpoint> endpoints, RequestGuard guard, boolean secureCookies, PageErrors pageErrors) {
    this(endpoints, guard, secureCookies, pageErrors, HttpRequestTimer.NONE);
  }

  /** A server that records every request's timing into {@code metrics} ({@code http_server_requests_seconds}). */
  public ApiServer(List<Endpoint> endpoints, RequestGuard guard, boolean secureCookies, PageErrors pageErrors,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this(endpoints, guard, secureCookies, pageErrors, new HttpRequestTimer(metrics));
  }

  private ApiServer(List<Endpoint> endpoints, RequestGuard guard, boolean secureCookies, PageErrors pageErrors,
      HttpRequestTimer timer) {
    SecurityHeaders headers = new SecurityHeaders(secureCookies);
    List<EndpointSpec> registered = new ArrayList<>();
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.concurrency.useVirtualThreads = true;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.http.defaultContentType = "application/json";
      config.router.ignoreTrailingSlashes = false;
      config.jsonMapper(new JavalinJackson3(Json.mapper(), false));
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(15_000);
        // Lets in-flight requests finish on SIGTERM while new connections are refused.
        server.insertHandler(new GracefulHandler());
        server.insertHandler(new MethodOverrideStripper());
        server.setErrorHandler(new JsonErrorHandler(headers));
      });
      config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler(headers)));
      config.routes.before(ctx -> {
        String id = RequestIds.accept(ctx.header(RequestIds.HEADER));
        ctx.attribute(REQUEST_ID, id);
        ctx.header(RequestIds.HEADER, id);
        headers.apply(ctx);
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
          throw new ApiError(413, ErrorCodes.PAYLOAD_TOO_LARGE, "request body exceeds 1 MiB");
        }
      });
      for (Endpoint e : endpoints) {
        EndpointSpec spec = e.spec();
        registered.add(spec);
        config.routes.addHttpHandler(spec.method(), spec.path(), ctx -> handle(ctx, e, spec, guard));
        if (spec.method() == HandlerType.GET) {
          // HEAD answers what GET would (headers, no body), so it passes the same guard and audit.
          config.routes.addHttpHandler(HandlerType.HEAD, spec.path(), ctx -> handle(ctx, e, spec, guard));
        }
      }
      config.routes.exception(ApiError.class, (err, ctx) -> renderError(ctx, err, pageErrors));
      config.routes.exception(Problem.class, (err, ctx) ->
          renderError(ctx, ProblemResponses.toApiError(err), pageErrors));
      config.routes.exception(HttpResponseException.class, (err, ctx) ->
          renderError(ctx, fromHttp(err.getStatus()), pageErrors));
      config.routes.exception(Exception.class, (err, ctx) -> renderUnexpected(ctx, err, pageErrors));
      config.routes.error(404, ctx -> {
        if (ctx.attribute("errorRendered") == null) {
          renderError(ctx, ApiError.notFound("no such route"), pageErrors);
        }
      });
      config.routes.error(405, ctx -> {
        if (ctx.attribute("errorRendered") == null) {
          renderError(ctx, new ApiError(405, ErrorCodes.METHOD_NOT_ALLOWED, "method not allowed"));
        }
      });
      config.routes.error(413, ctx -> {
        if (ctx.attribute("errorRendered") == null) {
          renderError(ctx, new ApiError(413, ErrorCodes.PAYLOAD_TOO_LARGE, "request body exceeds 1 MiB"));
        }
      });
      config.requestLogger.http((ctx, ms) -> {
        ACCESS.info("{} {} {}",
            StructuredArguments.kv("method", ctx.method().toString()),
            StructuredArguments.kv("route", routeOf(ctx)),
            StructuredArguments.kv("status", ctx.statusCode()),
            StructuredArguments.kv("durationMs", Math.round(ms * 100) / 100.0),
            StructuredArguments.kv(REQUEST_ID, requestId(ctx)));
        timer.record(ctx, ms);
      });
    });
    this.specs = List.copyOf(registered);
  }

  private static void handle(Context ctx, Endpoint endpoint, EndpointSpec spec, RequestGuard guard)
      throws Exception {
    String requestId = requestId(ctx);
    if (spec.html()) {
      ctx.attribute(HTML_ROUTE, Boolean.TRUE);
      SecurityHeaders.applyConsole(ctx);
    }
    Caller caller = null;
    try {
      BrowserRequests.refuseCrossSite(ctx, spec);
      caller = guard.admit(ctx, spec, requestId);
      BrowserRequests.requireJsonBody(ctx, spec);
      InputCharacters.check(ctx, spec);
    } catch (ApiError | Problem refusal) {
      ApiError refused = asApiError(refusal);
      if (spec.isWrite()) {
        guard.afterWrite(ctx, spec, null, requestId, refused.status(), refused.code());
      }
      throw refused;
    }
    if (spec.isWrite()) {
      // Outside the try below: if the attempt cannot be recorded, the handler must not run, and
      // there is nothing to close with an outcome.
      guard.beforeWrite(ctx, spec, caller, requestId);
    }
    try {
      endpoint.handle(new ApiRequest(ctx, caller, requestId));
    } catch (ApiError | Problem refusal) {
      ApiError e = asApiError(refusal);
      if (spec.isWrite()) {
        guard.afterWrite(ctx, spec, caller, requestId, e.status(), e.code());
      } else if (e.status() == 401 || e.status() == 403) {
        // A refusal the handler raised (a staker key reading a seat that is not its beneficiary's)
        // is on record like the guard's own refusals.
        guard.deniedRead(ctx, spec, caller, requestId, e.code());
      }
      throw e;
    } catch (JacksonException e) {
      ApiError bad = ApiError.badRequest(ErrorCodes.INVALID_JSON, "request body is not valid JSON for this route: "
          + safeJsonProblem(e));
      if (spec.isWrite()) {
        guard.afterWrite(ctx, spec, caller, requestId, bad.status(), bad.code());
      }
      throw bad;
    } catch (HttpResponseException e) {
      if (spec.isWrite()) {
        guard.afterWrite(ctx, spec, caller, requestId, e.getStatus(), fromHttp(e.getStatus()).code());
      }
      throw e;
    } catch (Exception unexpected) {
      // The handler may have committed part of its work: its attempt gets an outcome all the same.
      if (spec.isWrite()) {
        recordUnexpectedOutcome(ctx, spec, caller, requestId, guard, unexpected);
      }
      throw unexpected;
    } catch (Error fatal) {
      // An Error (OutOfMemoryError, StackOverflowError) would otherwise escape the exception mappers:
      // the client would get the server core's page and the attempt no outcome. Once the handler's
      // stack is unwound the memory it held is free again, so both can still be written.
      LOG.error("fatal error in {} {} (request {})", spec.method(), spec.path(), requestId, fatal);
      if (spec.isWrite()) {
        guard.afterWrite(ctx, spec, caller, requestId, 500, ErrorCodes.INTERNAL);
      }
      throw new ApiError(500, ErrorCodes.INTERNAL, "internal error");
    }
    if (spec.isWrite()) {
      try {
        guard.afterWrite(ctx, spec, caller, requestId, ctx.statusCode(), null);
      } catch (RuntimeException outcomeNotRecorded) {
        // The handler's work is committed and its ATTEMPTED row is on record (an attempt without an
        // outcome is exactly what a crash here leaves too): answering 500 would tell the caller a
        // write failed that happened, and invite a retry.
        LOG.error("write {} {} (request {}) succeeded but its audit outcome was not recorded: {}",
            spec.method(), spec.path(), requestId, outcomeNotRecorded.getClass().getSimpleName());
      }
    }
  }

  /**
   * The outcome of a write whose handler threw. With the database away the outcome cannot be written
   * either (its ATTEMPTED row, if it committed, says what was tried): the answer stays the 503.
   */
  private static void recordUnexpectedOutcome(Context ctx, EndpointSpec spec, Caller caller, String requestId,
      RequestGuard guard, Exception unexpected) {
    if (!DatabaseUnavailable.isCause(unexpected)) {
      guard.afterWrite(ctx, spec, caller, requestId, 500, ErrorCodes.INTERNAL);
      return;
    }
    try {
      guard.afterWrite(ctx, spec, caller, requestId, 503, DATABASE_UNAVAILABLE);
    } catch (RuntimeException stillAway) {
      LOG.warn("write {} {} (request {}): outcome not recorded, the database is unavailable", spec.method(), spec.path(),
          requestId);
    }
  }

  /** A refusal of the web layer as it is, a domain problem through {@link ProblemResponses}. */
  private static ApiError asApiError(RuntimeException refusal) {
    return refusal instanceof Problem p ? ProblemResponses.toApiError(p) : (ApiError) refusal;
  }

  /** Jackson's message minus any echo of the input, which could hold a password. */
  private static String safeJsonProblem(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "malformed";
    }
    int cut = m.indexOf('(');
    m = cut > 0 ? m.substring(0, cut) : m;
    return m.length() > 160 ? m.substring(0, 160) : m.strip();
  }

  /**
   * A database that is away is no bug: 503 with one log line and no stack trace (every request
   * would otherwise log one while PostgreSQL restarts). Everything else is a 500 with its trace.
   */
  private static void renderUnexpected(Context ctx, Exception err, PageErrors pageErrors) {
    if (DatabaseUnavailable.isCause(err)) {
      LOG.warn("database unavailable in {} {} (request {}): {}", ctx.method(), routeOf(ctx), requestId(ctx),
          DatabaseUnavailable.describe(err));
      renderError(ctx, ApiError.unavailable(DATABASE_UNAVAILABLE, "the database is unavailable; retry shortly"), pageErrors);
      return;
    }
    LOG.error("unhandled error in {} {}", ctx.method(), routeOf(ctx), err);
    renderError(ctx, new ApiError(500, ErrorCodes.INTERNAL, "internal error"), pageErrors);
  }

  private static ApiError fromHttp(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest(ErrorCodes.BAD_REQUEST, "bad request");
      case 404 -> ApiError.notFound("no such route");
      case 405 -> new ApiError(405, ErrorCodes.METHOD_NOT_ALLOWED, "method not allowed");
      case 413 -> new ApiError(413, ErrorCodes.PAYLOAD_TOO_LARGE, "request body exceeds 1 MiB");
      default -> new ApiError(status, "HTTP_" + status, "request refused");
    };
  }

  private static void renderError(Context ctx, ApiError err, PageErrors pageErrors) {
    ApiError shown = err;
    if (ctx.attribute(HTML_ROUTE) == null && err.status() == 404 && UNMATCHED.equals(routeOf(ctx))
        && isPagePath(ctx.path())) {
      // a mistyped console address in a browser gets a page, under the console's CSP, not raw JSON
      ctx.attribute(HTML_ROUTE, Boolean.TRUE);
      SecurityHeaders.applyConsole(ctx);
      shown = ApiError.notFound("there is no such page");
    }
    if (ctx.attribute(HTML_ROUTE) != null) {
      ctx.attribute("errorRendered", Boolean.TRUE);
      pageErrors.render(ctx, shown);
      return;
    }
    renderError(ctx, shown);
  }


  private static void renderError(Context ctx, ApiError err) {
    ctx.attribute("errorRendered", Boolean.TRUE);
    ctx.status(err.status());
    ctx.json(ErrorBody.of(err.code(), err.getMessage(), requestId(ctx), err.details()));
  }

  static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id != null ? id : "-";
  }

  /** The route template (never the raw path, which may carry identifiers worth keeping out of logs). */
  /** Addresses people type into a browser: the console's and the staker console's. */
  private static boolean isPagePath(String path) {
    return path.equals("/console") || path.startsWith("/console/") || path.equals("/staker")
        || path.startsWith("/staker/");
  }

  /** The matched route's template; "(unmatched)" when none matched (Javalin's 404 handler answers as "*"). */
  static String routeOf(Context ctx) {
    try {
      String path = ctx.endpoint().path;
      return "*".equals(path) ? UNMATCHED : path;
    } catch (RuntimeException noEndpoint) {
      return UNMATCHED;
    }
  }

  public ApiServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  public List<EndpointSpec> specs() {
    return specs;
  }

  @Override
  public void close() {
    app.stop();
  }
}
