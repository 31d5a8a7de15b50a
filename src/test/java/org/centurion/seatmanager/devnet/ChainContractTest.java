package org.centurion.seatmanager.devnet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the reference-contract tests: one {@link ChainFixture} (anvil with the contracts
 * deployed) per test class, and every test starting from the state the class started with (an anvil
 * snapshot before each test, reverted after it), so tests cannot see each other's transactions.
 */
abstract class ChainContractTest {
  static ChainFixture chain;
  private String snapshot;

  @BeforeAll
  static void startChain() throws Exception {
    chain = new ChainFixture();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @BeforeEach
  void takeSnapshot() {
    snapshot = chain.control.snapshot();
  }

  @AfterEach
  void revertToSnapshot() {
    chain.control.revert(snapshot);
  }
}
