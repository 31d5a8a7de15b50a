package org.centurion.seatmanager.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** {@code X-Request-Id}: a caller's id is kept when short and safe to log, else one is made. */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  static String accept(String offered) {
    return offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
  }
}
