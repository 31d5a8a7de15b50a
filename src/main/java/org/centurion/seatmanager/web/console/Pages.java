package org.centurion.seatmanager.web.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.web.ApiRequest;

/**
 * Renders the console's precompiled JTE templates (HTML content type: every {@code ${…}} is
 * escaped for where it stands). A request made by htmx gets only the fragment it swaps.
 */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final SessionService sessions;
  private final EmergencyPause pause;

  public Pages(SessionService sessions, EmergencyPause pause) {
    this.sessions = sessions;
    this.pause = pause;
  }

  /** The frame's data for an admitted session request. */
  public Chrome chrome(ApiRequest r) {
    String token = SecurityGuard.sessionToken(r.ctx());
    EmergencyPause.State now = pause.current();
    return new Chrome(Optional.of(r.caller().name()), r.caller().role(),
        Optional.ofNullable(token).map(sessions::csrfToken), now.paused() ? Optional.of(now) : Optional.empty());
  }

  /** True for htmx's partial requests (not its history restores, which want the whole page). */
  public static boolean partial(Context ctx) {
    return "true".equals(ctx.header("HX-Request")) && ctx.header("HX-History-Restore-Request") == null;
  }

  /** Renders {@code console/<name>.jte} with {@code params} (plus {@code chrome} when given). */
  public void render(Context ctx, String name, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render("console/" + name + ".jte", new HashMap<>(params), out);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(out.toString());
  }

  /** A full page inside the frame, or just its fragment for htmx. */
  public void page(ApiRequest r, String fragment, String page, Map<String, Object> params) {
    Map<String, Object> p = new HashMap<>(params);
    if (partial(r.ctx())) {
      render(r.ctx(), fragment, p);
      return;
    }
    p.put("chrome", chrome(r));
    render(r.ctx(), page, p);
  }

  /**
   * Sends the browser elsewhere: htmx follows {@code HX-Redirect} with a full navigation (a 3xx
   * would be followed inside the XHR and swapped into the fragment); a plain request gets a 303.
   */
  public static void redirect(Context ctx, String to) {
    if ("true".equals(ctx.header("HX-Request"))) {
      ctx.header("HX-Redirect", to);
      if (ctx.statusCode() < 400) {
        ctx.status(200);
      }
      return;
    }
    ctx.status(303);
    ctx.header("Location", to);
  }
}
