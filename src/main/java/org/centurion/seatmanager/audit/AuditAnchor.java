package org.centurion.seatmanager.audit;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain's head as it stood at {@code at}, written outside the database. {@code keyedFrom} is the
 * first row appended under the chain key as the database showed it then: from that id on, an
 * unkeyed row is a forgery, whatever the database later claims.
 */
public record AuditAnchor(long id, String hashHex, Optional<Long> keyedFrom, Instant at) {
  private static final Pattern LINE = Pattern.compile(
      "v1 id=(\\d{1,19}) hash=([0-9a-f]{64}) keyed_from=(\\d{1,19}|none) at=(\\S+)");

  public AuditAnchor {
    HexFormat.of().parseHex(hashHex);
  }

  /** One line of the anchor file, without its newline. */
  public String line() {
    return "v1 id=" + id + " hash=" + hashHex + " keyed_from=" + keyedFrom.map(String::valueOf).orElse("none")
        + " at=" + at;
  }

  /** @throws IllegalArgumentException when {@code line} is not an anchor line */
  public static AuditAnchor parse(String line) {
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an anchor line");
    }
    Optional<Long> keyedFrom = "none".equals(m.group(3)) ? Optional.empty() : Optional.of(Long.parseLong(m.group(3)));
    try {
      return new AuditAnchor(Long.parseLong(m.group(1)), m.group(2), keyedFrom, Instant.parse(m.group(4)));
    } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("not an anchor line");
    }
  }
}
