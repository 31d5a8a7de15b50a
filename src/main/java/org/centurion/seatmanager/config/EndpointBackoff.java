package org.centurion.seatmanager.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The pause one endpoint has asked for, shared by every request to it: after a failure each
 * request waits out an exponential backoff (consecutive failures double it, a success resets it),
 * and an HTTP {@code Retry-After} (seconds or an HTTP date) moves the earliest next request later,
 * bounded by {@link #MAX_RETRY_AFTER} so a provider cannot park the watcher for an hour. Shared by
 * the execution ({@code chain.ExecutionClient}) and beacon ({@code beacon.BeaconClient}) clients,
 * so it lives with {@link NamedEndpoint}, below both.
 */
public final class EndpointBackoff {
  /** The longest {@code Retry-After} honoured; a longer one is cut to this. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final Duration initial;
  private final Duration max;
  private final Clock clock;
  private Instant notBefore = Instant.EPOCH;
  private int consecutiveFailures;

  /** @param initial the pause after the first failure, doubled by each further one up to {@code max} */
  public EndpointBackoff(Duration initial, Duration max, Clock clock) {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
    }
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  /** How long the caller must wait before its next request to this endpoint. */
  public synchronized Duration waitNow() {
    Duration d = Duration.between(clock.instant(), notBefore);
    return d.isNegative() ? Duration.ZERO : d;
  }

  public synchronized void succeeded() {
    consecutiveFailures = 0;
  }

  /** A failed request: the next one to this endpoint waits the backoff. */
  public synchronized void failed() {
    consecutiveFailures++;
    Duration pause = initial.multipliedBy(1L << Math.min(consecutiveFailures - 1, 20));
    if (pause.compareTo(max) > 0) {
      pause = max;
    }
    Instant next = clock.instant().plus(pause);
    if (next.isAfter(notBefore)) {
      notBefore = next;
    }
  }

  /** The endpoint answered 429/503 with a {@code Retry-After}: no request to it before then (bounded). */
  public synchronized void retryAfter(Duration asked) {
    Duration pause = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    Instant next = clock.instant().plus(pause);
    if (next.isAfter(notBefore)) {
      notBefore = next;
    }
  }

  /** A {@code Retry-After} header value: delta seconds or an IMF-fixdate; empty when unusable. */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(v, Instant::from);
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
