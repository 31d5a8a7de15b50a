package org.centurion.seatmanager.web.audit;

import io.javalin.http.Context;

/**
 * What a handler tells the audit log about its request beyond the route: a precise action and
 * target, the actor when the request itself names one (login), a reason more exact than the
 * error code the client sees. Read by the guard when it writes the row.
 */
public final class AuditNotes {
  static final String ACTOR = "sm.audit.actor";
  static final String ACTION = "sm.audit.action";
  static final String TARGET = "sm.audit.target";
  static final String REASON = "sm.audit.reason";

  private AuditNotes() {}

  public static void actor(Context ctx, String actor) {
    ctx.attribute(ACTOR, actor);
  }

  public static void action(Context ctx, String action) {
    ctx.attribute(ACTION, action);
  }

  public static void target(Context ctx, String target) {
    ctx.attribute(TARGET, target);
  }

  public static void reason(Context ctx, String reason) {
    ctx.attribute(REASON, reason);
  }

  public static String actor(Context ctx) {
    return ctx.attribute(ACTOR);
  }

  public static String action(Context ctx) {
    return ctx.attribute(ACTION);
  }

  public static String target(Context ctx) {
    return ctx.attribute(TARGET);
  }

  public static String reason(Context ctx) {
    return ctx.attribute(REASON);
  }
}
