package org.centurion.seatmanager.problem;

/**
 * What kind of refusal a {@link Problem} is, in the domain's terms. The web layer alone decides
 * which HTTP status each kind is answered with ({@code web.ProblemResponses}).
 */
public enum ProblemKind {
  /** The input is malformed or out of range. */
  INVALID_INPUT,
  /** No or no valid identity. */
  UNAUTHENTICATED,
  /** The identity may not do this. */
  FORBIDDEN,
  /** The thing asked for does not exist (or may not be seen). */
  NOT_FOUND,
  /** The current state does not allow it (another operation, a taken name, a reused key). */
  CONFLICT,
  /** Understood, well-formed, and refused on its merits (e.g. deposit data failing verification). */
  REJECTED,
  /** Too many attempts; try later. */
  RATE_LIMITED,
  /** A dependency (chain, beacon, signer) or a switch (writes) makes it impossible now. */
  UNAVAILABLE
}
