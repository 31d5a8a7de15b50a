package org.centurion.seatmanager.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the chain's head outside the database every {@code everyRows} rows, or every {@code every}
 * while rows keep coming. Each anchor goes to the append-only file (fsync'd) and to the process log
 * (journald/syslog on a service host), so an attacker has two places to reach beyond the database.
 */
public final class AuditAnchoring {
  private static final Logger LOG = LoggerFactory.getLogger(AuditAnchoring.class);
  /** The watch role that anchors: one leader at a time appends to its host's file. */
  public static final String ROLE = "audit-anchor";

  private final AuditLog log;
  private final AuditAnchorFile file;
  private final int everyRows;
  private final Duration every;
  private final Clock clock;

  public AuditAnchoring(AuditLog log, AuditAnchorFile file, int everyRows, Duration every, Clock clock) {
    this.log = log;
    this.file = file;
    this.everyRows = everyRows;
    this.every = every;
    this.clock = clock;
  }

  /** One round: anchors the head when it is due; returns the anchor written, if any. */
  public Optional<AuditAnchor> anchorIfDue() {
    Optional<AuditAnchor> head = log.head();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuditAnchor> last = file.last();
    boolean due = last.isEmpty()
        || head.get().id() - last.get().id() >= everyRows
        || head.get().id() > last.get().id() && !last.get().at().plus(every).isAfter(clock.instant());
    return due ? Optional.of(write(head.get())) : Optional.empty();
  }

  /** Anchors the head now, due or not ({@code seat-manager audit anchor}). */
  public Optional<AuditAnchor> anchorNow() {
    return log.head().map(this::write);
  }

  private AuditAnchor write(AuditAnchor head) {
    file.append(head);
    LOG.info("audit anchor {}", head.line());
    return head;
  }
}
