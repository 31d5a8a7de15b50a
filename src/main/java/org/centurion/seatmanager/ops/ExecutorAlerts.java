package org.centurion.seatmanager.ops;

import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.jdbi.v3.core.Handle;

/** The executor's alerts, all under one source: about an operation (and its seat, if it has one), or global. */
final class ExecutorAlerts {
  static final String SOURCE = "executor";

  private final AlertService alerts;

  ExecutorAlerts(AlertService alerts) {
    this.alerts = alerts;
  }

  /** Raised in the caller's transaction, so the alert commits with the state change it reports. */
  void aboutOperation(Handle h, Operation op, AlertKind kind, Severity severity, String discriminator, String message) {
    String text = "operation " + op.id() + " (" + op.kind() + "): " + message;
    String key = "operation-" + op.id() + "-" + discriminator;
    AlertSignal signal = op.seatId().isPresent()
        ? AlertSignal.forSeat(kind, severity, op.seatId().get(), key, text)
        : AlertSignal.global(kind, severity, key, text);
    alerts.raise(h, SOURCE, signal);
  }

  void global(AlertKind kind, Severity severity, String discriminator, String message) {
    alerts.raise(SOURCE, AlertSignal.global(kind, severity, discriminator, message));
  }

  /** Resolves an open global alert; false when none was open. */
  boolean resolveGlobal(AlertKind kind, String discriminator) {
    return alerts.resolve(SOURCE, discriminator.isEmpty() ? kind.name() : kind.name() + ":" + discriminator);
  }
}
