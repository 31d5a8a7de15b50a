package org.centurion.seatmanager.ops;

import java.util.Map;

/** Which feature's {@link OperationOutcomes} judges an operation of each kind; kinds nobody claimed do nothing. */
final class FeatureOutcomes {
  private final Map<OperationKind, OperationOutcomes> byKind;

  FeatureOutcomes(Map<OperationKind, OperationOutcomes> byKind) {
    this.byKind = Map.copyOf(byKind);
  }

  OperationOutcomes of(Operation op) {
    return byKind.getOrDefault(op.kind(), OperationOutcomes.NONE);
  }
}
