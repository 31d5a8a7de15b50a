package org.centurion.seatmanager.web.auth;

import io.javalin.http.Context;

/**
 * The browser session cookie. The {@code __Host-} prefix makes browsers insist on Secure, Path=/
 * and no Domain, so a sibling subdomain cannot plant or read it; HttpOnly keeps it from scripts;
 * SameSite=Strict keeps it off cross-site requests.
 */
public final class SessionCookie {
  public static final String NAME = "__Host-sm_session";

  private final boolean secure;

  public SessionCookie(boolean secure) {
    this.secure = secure;
  }

  public void set(Context ctx, String token, long maxAgeSeconds) {
    ctx.res().addHeader("Set-Cookie", NAME + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
  }

  public void clear(Context ctx) {
    ctx.res().addHeader("Set-Cookie", NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : ""));
  }

  public static String read(Context ctx) {
    return ctx.cookie(NAME);
  }
}
