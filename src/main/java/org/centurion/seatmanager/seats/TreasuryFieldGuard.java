package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import tools.jackson.databind.JsonNode;

/**
 * CSM-01: the treasury, depositor, principal destination, router, factory and deposit contract come
 * from configuration only. A request body that names one of them anywhere (any nesting, any case,
 * camelCase, snake_case or kebab-case) is refused, not ignored, so a caller cannot believe an
 * override took effect.
 */
public final class TreasuryFieldGuard {
  /** Field names, folded to lower case without separators, that name a server-controlled address. */
  static final List<String> FORBIDDEN = List.of(
      "treasury", "depositor", "principaldestination", "principaltarget", "router", "factory", "depositcontract");

  private TreasuryFieldGuard() {}

  /** @throws Problem 400 TREASURY_NOT_ALLOWED naming the first offending field path */
  public static void check(JsonNode body) {
    forbiddenField(body, "$").ifPresent(path -> {
      throw new Problem(ProblemKind.INVALID_INPUT, ErrorCodes.TREASURY_NOT_ALLOWED, "the request names a server-controlled address at " + path
          + "; treasury, depositor, principal destination, router, factory and deposit contract come from configuration only",
          List.of(Map.of("field", path)));
    });
  }

  static Optional<String> forbiddenField(JsonNode node, String path) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String here = path + "." + printable(e.getKey());
        if (names(e.getKey())) {
          return Optional.of(here);
        }
        Optional<String> inner = forbiddenField(e.getValue(), here);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> inner = forbiddenField(node.get(i), path + "[" + i + "]");
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  /** Query parameter names are refused like body fields: a caller must not believe either took effect. */
  public static void checkQuery(java.util.Set<String> names) {
    for (String name : names) {
      if (names(name)) {
        throw new Problem(ProblemKind.INVALID_INPUT, ErrorCodes.TREASURY_NOT_ALLOWED, "the query string names a server-controlled address ("
            + printable(name) + "); these come from configuration only", List.of(Map.of("field", "?" + printable(name))));
      }
    }
  }

  static boolean names(String field) {
    // Compatibility folding first, then full case folding: "treaſury" (long s), "ｔreasury" (fullwidth)
    // and "TREASURY" all read as treasury to a lenient parser downstream, so they must here too.
    String normalised = java.text.Normalizer.normalize(field, java.text.Normalizer.Form.NFKC);
    String folded = normalised.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return FORBIDDEN.stream().anyMatch(folded::contains);
  }

  private static String printable(String key) {
    String k = key.replaceAll("[^A-Za-z0-9_\\-]", "?");
    return k.length() > 64 ? k.substring(0, 64) : k;
  }
}
