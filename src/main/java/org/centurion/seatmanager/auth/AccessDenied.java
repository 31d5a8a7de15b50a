package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;

/** A refusal of the access policy, naming who was refused so the refusal goes on record under them. */
public final class AccessDenied extends Problem {
  private static final long serialVersionUID = 1L;

  private final transient Caller who;

  AccessDenied(Caller who, ProblemKind kind, String code, String message) {
    super(kind, code, message);
    this.who = who;
  }

  public Caller who() {
    return who;
  }
}
