package org.centurion.seatmanager.devnet.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExecutionLayerFeedTest {

  @Test
  void malformedDepositLogsAreSkippedNotFatal() {
    Random random = new Random(286);
    for (int i = 0; i < 2_000; i++) {
      byte[] data = new byte[576];
      random.nextBytes(data);
      if (i % 2 == 0) {           // plausible small offsets, random lengths
        for (int field = 0; field < 5; field++) {
          java.util.Arrays.fill(data, 32 * field, 32 * field + 31, (byte) 0);
        }
      }
      assertThat(ExecutionLayerFeed.decodeDeposit(data)).isEmpty();
    }
    assertThat(ExecutionLayerFeed.decodeDeposit(new byte[575])).isEmpty();
    assertThat(ExecutionLayerFeed.decodeDeposit(new byte[0])).isEmpty();
  }
}
