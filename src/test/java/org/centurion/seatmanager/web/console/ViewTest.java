package org.centurion.seatmanager.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Amounts in CTN and times relative to now, as the console shows them (the exact value stays on hover). */
class ViewTest {
  @Test
  void weiReadsAsCtnRoundedToSixDecimalsAndSaysWhenRounded() {
    assertThat(View.ctn("32000000000000000000")).isEqualTo("32 CTN");
    assertThat(View.ctn("31062500000000000000")).isEqualTo("31.0625 CTN");
    assertThat(View.ctn("1")).isEqualTo("≈ 0 CTN");
    assertThat(View.ctn("1234567890123456789")).isEqualTo("≈ 1.234568 CTN");
    assertThat(View.ctn("0")).isEqualTo("0 CTN");
    assertThat(View.ctn(null)).isEmpty();
    assertThat(View.ctn("not a number")).isEqualTo("not a number");
  }

  @Test
  void timesReadRelativeToNow() {
    Instant now = Instant.now();
    assertThat(View.ago(now.toString())).isEqualTo("just now");
    assertThat(View.ago(now.minus(Duration.ofMinutes(5)))).isEqualTo("5 min ago");
    assertThat(View.ago(now.minus(Duration.ofHours(3)).toString())).isEqualTo("3 h ago");
    assertThat(View.ago(now.plus(Duration.ofHours(5)).plusSeconds(5))).isEqualTo("in 5 h");
    assertThat(View.ago(now.minus(Duration.ofDays(2)))).isEqualTo("2 days ago");
    assertThat(View.ago(null)).isEmpty();
    assertThat(View.ago("yesterday")).isEqualTo("yesterday");
  }
}
