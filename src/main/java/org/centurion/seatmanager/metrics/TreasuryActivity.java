package org.centurion.seatmanager.metrics;

import java.util.EnumMap;
import java.util.Map;
import org.centurion.seatmanager.ops.GuardRefusal;
import org.jdbi.v3.core.Jdbi;

/**
 * What the executor did, read from its durable rows rather than counted in memory: signatures and
 * broadcasts are {@code tx_attempts}, refusals by the treasury checks are FAILED operations whose error
 * starts with a {@link GuardRefusal.Code}. Any instance reports the same totals, including what the
 * {@code watch} process signed, and a restart does not reset them.
 */
record TreasuryActivity(long signatures, long broadcasts, long broadcastErrors, Map<GuardRefusal.Code, Long> refusals) {
  static final TreasuryActivity NONE = new TreasuryActivity(0, 0, 0, zeroRefusals());

  static TreasuryActivity read(Jdbi jdbi) {
    return jdbi.withHandle(h -> {
      boolean migrated = h.createQuery("SELECT to_regclass('public.tx_attempts') IS NOT NULL").mapTo(Boolean.class).one();
      if (!migrated) {
        return NONE;
      }
      Map<String, Object> attempts = h.createQuery("SELECT count(*) AS signed,"
          + " count(*) FILTER (WHERE broadcast_at IS NOT NULL AND broadcast_error IS NULL) AS sent,"
          + " count(*) FILTER (WHERE broadcast_error IS NOT NULL) AS failed FROM tx_attempts").mapToMap().one();
      Map<GuardRefusal.Code, Long> refusals = zeroRefusals();
      h.createQuery("SELECT split_part(last_error, ':', 1) AS code, count(*) AS n FROM operations"
          + " WHERE status = 'FAILED' AND last_error ~ '^[A-Z_]+:' GROUP BY 1")
          .map((rs, ctx) -> Map.entry(rs.getString("code"), rs.getLong("n")))
          .forEach(e -> codeNamed(e.getKey()).ifPresent(code -> refusals.put(code, e.getValue())));
      return new TreasuryActivity(number(attempts.get("signed")), number(attempts.get("sent")),
          number(attempts.get("failed")), refusals);
    });
  }

  private static java.util.Optional<GuardRefusal.Code> codeNamed(String name) {
    for (GuardRefusal.Code code : GuardRefusal.Code.values()) {
      if (code.name().equals(name)) {
        return java.util.Optional.of(code);
      }
    }
    return java.util.Optional.empty();
  }

  private static Map<GuardRefusal.Code, Long> zeroRefusals() {
    Map<GuardRefusal.Code, Long> m = new EnumMap<>(GuardRefusal.Code.class);
    for (GuardRefusal.Code code : GuardRefusal.Code.values()) {
      m.put(code, 0L);
    }
    return m;
  }

  private static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }
}
