package org.centurion.seatmanager.alerts;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last outcome of every kind of cross-checked read ({@code endpoint_reads}): which endpoint
 * labels agreed at which block, or why the read was refused. A refused read raises
 * ENDPOINT_DISAGREEING (one alert per read name: endpoints disagreeing, too few answering, another
 * chain); the next agreement of that read resolves it. The rows are what {@code /v1/dashboard/health}
 * shows per read. Labels only: never a URL.
 *
 * <p>Recording must never decide a read: a database failure here is logged, and the read's own
 * outcome (the agreed value, or its refusal) stands.
 */
public final class EndpointAgreementLog implements EndpointCrossCheck.Recorder {
  public static final String SOURCE = "endpoint-agreement";
  private static final Logger LOG = LoggerFactory.getLogger(EndpointAgreementLog.class);
  private static final int MAX_NAME = 100;
  private static final int MAX_DETAIL = 900;

  /** One read's last outcome. */
  public record ReadAgreement(String read, boolean agreed, Optional<String> failureCode, Optional<BigInteger> block,
      Optional<String> blockHash, List<String> agreeing, List<String> others, Optional<String> detail, Instant checkedAt,
      Optional<Instant> lastAgreedAt) {}

  private final Jdbi jdbi;
  private final AlertService alerts;
  private final Clock clock;

  public EndpointAgreementLog(Jdbi jdbi, AlertService alerts, Clock clock) {
    this.jdbi = jdbi;
    this.alerts = alerts;
    this.clock = clock;
  }

  @Override
  public void agreed(String read, EndpointCrossCheck.Result<?> result) {
    String name = name(read);
    String others = result.degraded().stream().map(o -> o.label() + ": " + o.status()).collect(Collectors.joining(", "));
    try {
      jdbi.useTransaction(h -> {
        upsert(h, name, true, null, result.blockNumber(), result.blockHash(), String.join(",", result.agreeing()), others, null);
        alerts.resolve(h, SOURCE, dedupeKey(name));
      });
    } catch (RuntimeException e) {
      LOG.warn("endpoint agreement of '{}' not recorded: {}", name, e.toString());
    }
  }

  @Override
  public void refused(String read, EndpointCrossCheck.CrossCheckFailedException failure) {
    String name = name(read);
    List<EndpointCrossCheck.Observation> obs = failure.observations();
    String agreeing = obs.stream().filter(o -> o.status() == EndpointCrossCheck.Status.AGREED && o.detail() == null)
        .map(EndpointCrossCheck.Observation::label).collect(Collectors.joining(","));
    String others = obs.stream().filter(o -> o.status() != EndpointCrossCheck.Status.AGREED || o.detail() != null)
        .map(o -> o.label() + ": " + o.status()).collect(Collectors.joining(", "));
    String detail = clip(failure.code() + ": " + failure.reason());
    try {
      jdbi.useTransaction(h -> {
        upsert(h, name, false, failure.code().name(), null, null, agreeing, others, detail);
        // the observations say who said what (labels, heads, hashes, short answers): what an operator needs
        alerts.raise(h, SOURCE, new AlertSignal(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, Optional.empty(),
            dedupeKey(name), clip("'" + name + "' refused, nothing irreversible was done: " + failure.getMessage())));
      });
    } catch (RuntimeException e) {
      LOG.warn("endpoint refusal of '{}' not recorded: {}", name, e.toString());
    }
  }

  /**
   * A read of another layer (the beacon API) that every endpoint in {@code agreeing} answered the
   * same: recorded the same way, at no block.
   */
  public void agreedBy(String read, List<String> agreeing) {
    String name = name(read);
    try {
      jdbi.useTransaction(h -> {
        upsert(h, name, true, null, null, null, String.join(",", agreeing), "", null);
        alerts.resolve(h, SOURCE, dedupeKey(name));
      });
    } catch (RuntimeException e) {
      LOG.warn("endpoint agreement of '{}' not recorded: {}", name, e.toString());
    }
  }

  /** A read of another layer refused because its endpoints disagreed or could not answer: recorded and alerted. */
  public void refusedBy(String read, String code, String reason) {
    String name = name(read);
    String detail = clip(code + ": " + reason);
    try {
      jdbi.useTransaction(h -> {
        upsert(h, name, false, code, null, null, "", "", detail);
        alerts.raise(h, SOURCE, new AlertSignal(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, Optional.empty(),
            dedupeKey(name), clip("'" + name + "' refused, nothing irreversible was done: " + reason)));
      });
    } catch (RuntimeException e) {
      LOG.warn("endpoint refusal of '{}' not recorded: {}", name, e.toString());
    }
  }

  /** Every read's last outcome, by name. */
  public List<ReadAgreement> latest() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM endpoint_reads ORDER BY read_name").map((rs, ctx) -> {
      Timestamp lastAgreed = rs.getTimestamp("last_agreed_at");
      java.math.BigDecimal block = rs.getBigDecimal("block_number");
      return new ReadAgreement(rs.getString("read_name"), rs.getBoolean("agreed"), Optional.ofNullable(rs.getString("failure_code")),
          Optional.ofNullable(block).map(java.math.BigDecimal::toBigIntegerExact), Optional.ofNullable(rs.getString("block_hash")),
          split(rs.getString("agreeing")), split(rs.getString("others")), Optional.ofNullable(rs.getString("detail")),
          rs.getTimestamp("checked_at").toInstant(), Optional.ofNullable(lastAgreed).map(Timestamp::toInstant));
    }).list());
  }

  /** The alert key of one read's refusals. */
  public static String dedupeKey(String read) {
    return AlertKind.ENDPOINT_DISAGREEING.name() + ":read:" + name(read);
  }

  private void upsert(org.jdbi.v3.core.Handle h, String name, boolean agreed, String code, BigInteger block, String hash,
      String agreeing, String others, String detail) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    h.createUpdate("INSERT INTO endpoint_reads (read_name, agreed, failure_code, block_number, block_hash, agreeing, others,"
            + " detail, checked_at, last_agreed_at) VALUES (:n, :agreed, :code, :block, :hash, :agreeing, :others, :detail, :now,"
            + " CASE WHEN :agreed THEN :now END) ON CONFLICT (read_name) DO UPDATE SET agreed = EXCLUDED.agreed,"
            + " failure_code = EXCLUDED.failure_code, block_number = EXCLUDED.block_number, block_hash = EXCLUDED.block_hash,"
            + " agreeing = EXCLUDED.agreeing, others = EXCLUDED.others, detail = EXCLUDED.detail, checked_at = EXCLUDED.checked_at,"
            + " last_agreed_at = COALESCE(EXCLUDED.last_agreed_at, endpoint_reads.last_agreed_at)")
        .bind("n", name).bind("agreed", agreed).bind("code", code)
        .bind("block", block == null ? null : new java.math.BigDecimal(block)).bind("hash", hash)
        .bind("agreeing", agreeing).bind("others", others).bind("detail", detail).bind("now", now).execute();
  }

  private static String name(String read) {
    String n = read == null || read.isBlank() ? "unnamed read" : read.strip();
    return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
  }

  private static String clip(String s) {
    return s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "…" : s;
  }

  private static List<String> split(String s) {
    return s == null || s.isEmpty() ? List.of() : List.of(s.split(",\\s*"));
  }
}
