package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.signing.SigningJustification;
import org.junit.jupiter.api.Test;

/**
 * The treasury guard's decision before a signature, without a chain: the stored call must equal the
 * one rebuilt from the records (target, value and calldata each), and the intent's envelope must be
 * exactly {@code execute(rebuilt)} to the router with value 0. Each field differing alone is refused
 * with its code; letter case alone is not a difference.
 */
class TreasuryGuardTest {
  private static final String ROUTER = "0x" + "ab".repeat(20);
  private static final String VAULT = "0x" + "cd".repeat(20);
  private static final RouterCall REBUILT = new RouterCall(VAULT, BigInteger.ZERO, "0x12345678" + "00".repeat(32));
  private static final TreasuryGuard GUARD = new TreasuryGuard(
      op -> new ExpectedCall(REBUILT, SigningJustification.NONE, List.of(), List.of()), null, ROUTER, null, null);

  private static Operation op(RouterCall stored) {
    Instant t = Instant.parse("2026-12-07T00:00:00Z");
    return new Operation(7, Optional.of(3L), OperationKind.values()[0], OperationStatus.QUEUED, stored, t, 0,
        Optional.empty(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), t, t, 0, Optional.empty());
  }

  private static TxIntent intent(String to, BigInteger value, String calldata) {
    return new TxIntent(11, 7, 286, "0x" + "ee".repeat(20), 5, to, value, calldata, BigInteger.valueOf(300_000),
        TxIntent.Status.PREPARED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static GuardRefusal.Code refusal(Operation op, TxIntent intent) {
    try {
      GUARD.beforeSigning(op, intent);
    } catch (GuardRefusal r) {
      return r.code();
    }
    throw new AssertionError("signed");
  }

  @Test
  void theStoredCallMustBeTheRebuiltOneInEveryField() {
    assertThat(GUARD.beforeSigning(op(REBUILT), null).call()).isEqualTo(REBUILT);
    assertThat(refusal(op(new RouterCall("0x" + "99".repeat(20), REBUILT.valueWei(), REBUILT.calldata())), null))
        .as("another target").isEqualTo(GuardRefusal.Code.STORED_CALL_DIFFERS);
    assertThat(refusal(op(new RouterCall(VAULT, BigInteger.ONE, REBUILT.calldata())), null))
        .as("one wei more").isEqualTo(GuardRefusal.Code.STORED_CALL_DIFFERS);
    assertThat(refusal(op(new RouterCall(VAULT, BigInteger.ZERO, "0x12345678" + "00".repeat(31) + "01")), null))
        .as("one calldata byte").isEqualTo(GuardRefusal.Code.STORED_CALL_DIFFERS);
  }

  @Test
  void theIntentMustBeExecuteOfTheRebuiltCallToTheRouterWithValueZero() {
    String envelope = RouterAbi.execute(REBUILT);
    Operation op = op(REBUILT);
    assertThat(GUARD.beforeSigning(op, intent(ROUTER, BigInteger.ZERO, envelope)).call()).isEqualTo(REBUILT);
    assertThat(GUARD.beforeSigning(op, intent(ROUTER.toUpperCase(java.util.Locale.ROOT).replace("0X", "0x"),
        BigInteger.ZERO, envelope.toUpperCase(java.util.Locale.ROOT).replace("0X", "0x"))).call())
        .as("letter case is not a difference").isEqualTo(REBUILT);
    assertThat(refusal(op, intent(VAULT, BigInteger.ZERO, envelope))).as("sent past the router")
        .isEqualTo(GuardRefusal.Code.INTENT_DIFFERS);
    assertThat(refusal(op, intent(ROUTER, BigInteger.ONE, envelope))).as("value on the outer transaction")
        .isEqualTo(GuardRefusal.Code.INTENT_DIFFERS);
    assertThat(refusal(op, intent(ROUTER, BigInteger.ZERO, RouterAbi.execute(new RouterCall(VAULT, BigInteger.ONE,
        REBUILT.calldata()))))).as("another inner call").isEqualTo(GuardRefusal.Code.INTENT_DIFFERS);
  }
}
