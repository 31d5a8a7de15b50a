package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
  static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 Appendix B, the SHA-1 column. */
  @ParameterizedTest
  @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
      "2000000000, 69279037", "20000000000, 65353130"})
  void rfc6238Vectors(long epochSeconds, String expected) {
    assertThat(Totp.code(RFC_SECRET, Totp.counter(Instant.ofEpochSecond(epochSeconds)), 8)).isEqualTo(expected);
  }

  @Test
  void matchAllowsOneStepOfDriftAndNoMore() {
    Instant t = Instant.ofEpochSecond(1_111_111_111L);
    long c = Totp.counter(t);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, c, 6), t)).hasValue(c);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, c - 1, 6), t)).hasValue(c - 1);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, c + 1, 6), t)).hasValue(c + 1);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, c + 2, 6), t)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, c - 2, 6), t)).isEmpty();
    // the first step of all (counter 0, at the epoch) is a step like any other
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, 0, 6), java.time.Instant.EPOCH)).hasValue(0);
    assertThat(Totp.match(RFC_SECRET, null, t)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, "12345", t)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, "abcdef", t)).isEmpty();
  }

  /** RFC 4648 section 10 test vectors. */
  @Test
  void base32() {
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
    assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }
}
