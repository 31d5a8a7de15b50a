package org.centurion.seatmanager.auth;

/** How a caller proved who it is. */
public enum IdentityKind {
  ANONYMOUS,
  /** A user's session: cookie {@code __Host-sm_session} or its token as a bearer. */
  SESSION,
  /** {@code SEAT_MANAGER_STATIC_ADMIN_TOKEN} as a bearer. */
  STATIC_TOKEN,
  /** A staker API key as a bearer, with {@code X-Staker-Address}. */
  STAKER_KEY,
  /** An operator API key as a bearer (issue 16): bound to one seat, with scopes. */
  OPERATOR_KEY
}
