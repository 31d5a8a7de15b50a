package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionCommandSucceeds() {
    assertThat(Main.run("version")).isZero();
  }
}
