package org.centurion.seatmanager.ops;

import java.util.Locale;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.audit.AuditEvent;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.abi.ExecuteCall;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link SigningGuard}: re-derivation through {@link ExpectedCalls}, simulation
 * through {@link CallSimulator}, and the audit rows and alerts of both.
 */
public final class TreasuryGuard implements SigningGuard {
  private static final Logger LOG = LoggerFactory.getLogger(TreasuryGuard.class);
  static final String ACTOR = "executor";
  static final String AUTH_KIND = "SYSTEM";
  public static final String ACTION_SIGN = "treasury.sign";
  public static final String ACTION_BROADCAST = "treasury.broadcast";
  public static final String ACTION_REFUSE = "treasury.refuse";
  static final String ALERT_SOURCE = "executor";

  private final ExpectedCalls calls;
  private final CallSimulator simulator;
  private final String router;
  private final AuditLog audit;
  private final AlertService alerts;

  public TreasuryGuard(ExpectedCalls calls, CallSimulator simulator, String router, AuditLog audit, AlertService alerts) {
    this.calls = calls;
    this.simulator = simulator;
    this.router = router.toLowerCase(Locale.ROOT);
    this.audit = audit;
    this.alerts = alerts;
  }

  @Override
  public ExpectedCall beforeSigning(Operation op, TxIntent intent) {
    ExpectedCall expected = calls.expected(op);
    RouterCall stored = op.call();
    RouterCall rebuilt = expected.call();
    if (!stored.target().equals(rebuilt.target()) || !stored.valueWei().equals(rebuilt.valueWei())
        || !stored.calldata().equals(rebuilt.calldata())) {
      throw new GuardRefusal(GuardRefusal.Code.STORED_CALL_DIFFERS, "operation " + op.id() + " (" + op.kind()
          + ") holds " + describe(stored) + " but its records give " + describe(rebuilt));
    }
    if (intent == null) {
      return expected;
    }
    String envelope = RouterAbi.execute(rebuilt);
    if (!intent.to().toLowerCase(Locale.ROOT).equals(router) || intent.valueWei().signum() != 0
        || !intent.calldata().toLowerCase(Locale.ROOT).equals(envelope)) {
      throw new GuardRefusal(GuardRefusal.Code.INTENT_DIFFERS, "intent " + intent.id() + " would send to " + intent.to()
          + " value " + intent.valueWei() + " calldata " + Abi.selectorOf(org.web3j.utils.Numeric.hexStringToByteArray(
              intent.calldata())) + "…, not execute(" + describe(rebuilt) + ") to the router with value 0");
    }
    return expected;
  }

  @Override
  public void beforeSending(ExpectedCall expected, TxIntent intent, SignedTransaction signed) {
    simulator.check(expected, signed.from(), router, intent.calldata(), intent.gasLimit());
  }

  @Override
  public void signed(Operation op, TxIntent intent, SignedTransaction signed) {
    LOG.info("treasury signature: operation {} intent {} nonce {} hash {} call {}", op.id(), intent.id(), intent.nonce(),
        signed.hash(), describe(op.call()));
    audit.append(new AuditEvent(ACTOR, AUTH_KIND, null, ACTION_SIGN, target(op, intent), AuditResult.SUCCESS,
        "nonce=" + intent.nonce() + " hash=" + signed.hash() + " call=" + decoded(intent), null, null));
  }

  @Override
  public void broadcast(TxIntent intent, String txHash, String outcome) {
    audit.append(new AuditEvent(ACTOR, AUTH_KIND, null, ACTION_BROADCAST, "operation:" + intent.operationId()
        + " intent:" + intent.id(), outcome.equals("accepted") || outcome.equals("known") ? AuditResult.SUCCESS : AuditResult.FAILED,
        "nonce=" + intent.nonce() + " hash=" + txHash + " outcome=" + outcome, null, null));
  }

  @Override
  public void refused(Operation op, TxIntent intent, GuardRefusal refusal) {
    LOG.error("operation {} ({}) refused by the treasury checks: {}", op.id(), op.kind(), refusal.reason());
    audit.append(new AuditEvent(ACTOR, AUTH_KIND, null, ACTION_REFUSE, target(op, intent), AuditResult.DENIED,
        refusal.reason(), null, null));
    String message = "operation " + op.id() + " (" + op.kind() + ") was not signed or not sent: " + refusal.reason();
    AlertSignal signal = op.seatId().isPresent()
        ? AlertSignal.forSeat(AlertKind.TREASURY_CALL_REFUSED, Severity.CRITICAL, op.seatId().get(), "operation-" + op.id(), clip(message))
        : AlertSignal.global(AlertKind.TREASURY_CALL_REFUSED, Severity.CRITICAL, "operation-" + op.id(), clip(message));
    alerts.raise(ALERT_SOURCE, signal);
  }

  private static String target(Operation op, TxIntent intent) {
    return "operation:" + op.id() + " intent:" + (intent == null ? "-" : Long.toString(intent.id()));
  }

  private static String decoded(TxIntent intent) {
    try {
      ExecuteCall call = ExecuteCall.decode(intent.calldata());
      // The audit row's reason is bounded (200 characters): the function, target and value; the full
      // decoded arguments are in the executor's log line and the operation row.
      String described = org.centurion.seatmanager.abi.TreasuryCall.decode(call.data()).describe();
      int args = described.indexOf('(');
      return (args < 0 ? described : described.substring(0, args)) + " on " + call.target() + " value=" + call.valueWei();
    } catch (Abi.AbiException e) {
      return "undecodable: " + e.getMessage();
    }
  }

  private static String describe(RouterCall c) {
    return c.target() + " value=" + c.valueWei() + " " + org.centurion.seatmanager.abi.TreasuryCall.decode(
        org.web3j.utils.Numeric.hexStringToByteArray(c.calldata())).describe();
  }

  private static String clip(String s) {
    return s.length() <= AlertSignal.MAX_MESSAGE ? s : s.substring(0, AlertSignal.MAX_MESSAGE - 1) + "…";
  }
}
