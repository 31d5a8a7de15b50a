package org.centurion.seatmanager.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of the executor tests: one {@link PipelineFixture} (anvil with the reference contracts,
 * PostgreSQL) per test class; each test takes a fresh database from it.
 */
abstract class PipelineTest {
  static PipelineFixture fx;

  @BeforeAll
  static void startPipeline() throws Exception {
    fx = new PipelineFixture();
  }

  @AfterAll
  static void stopPipeline() {
    fx.close();
  }
}
