package org.centurion.seatmanager.metrics;

import java.time.OffsetDateTime;
import org.jdbi.v3.core.Jdbi;

/**
 * The newest recorded walk of the audit chain ({@code audit_chain_checks}, by any instance). A walk reads
 * every row, so metrics report the last one instead of starting their own; a chain never verified reads
 * as not intact at time 0, so the "not verified for a week" rule fires for it.
 */
record AuditChainStatus(boolean intactLastTime, long checkedAtEpochSeconds) {
  static final AuditChainStatus NEVER_CHECKED = new AuditChainStatus(false, 0);

  static AuditChainStatus read(Jdbi jdbi) {
    return jdbi.withHandle(h -> {
      boolean migrated = h.createQuery("SELECT to_regclass('public.audit_chain_checks') IS NOT NULL")
          .mapTo(Boolean.class).one();
      if (!migrated) {
        return NEVER_CHECKED;
      }
      return h.createQuery("SELECT intact, checked_at FROM audit_chain_checks ORDER BY id DESC LIMIT 1")
          .map((rs, ctx) -> new AuditChainStatus(rs.getBoolean("intact"),
              rs.getObject("checked_at", OffsetDateTime.class).toEpochSecond()))
          .findOne().orElse(NEVER_CHECKED);
    });
  }

  double intact() {
    return intactLastTime ? 1 : 0;
  }
}
