package org.centurion.seatmanager.watch;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one watcher role stands: blocks for the EL watcher, epochs for the CL watcher.
 *
 * @param holder which process last advanced it (host:pid), for the on-call operator
 */
public record WatcherCursor(String role, long cursor, long head, long lag, String holder, Instant lastSuccessAt,
    Optional<String> lastError, Optional<Instant> lastErrorAt, Instant updatedAt) {}
