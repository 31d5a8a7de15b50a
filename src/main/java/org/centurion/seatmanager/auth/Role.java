package org.centurion.seatmanager.auth;

/** User roles, ordered: ADMIN can do what OPERATOR can, OPERATOR what VIEWER can. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean atLeast(Role minimum) {
    return compareTo(minimum) >= 0;
  }
}
