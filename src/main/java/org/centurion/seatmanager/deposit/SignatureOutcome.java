package org.centurion.seatmanager.deposit;

/** The result of checking one {@link SignedMessage}. */
public enum SignatureOutcome {
  VALID,
  /** The key is malformed, the point at infinity, or outside the G1 subgroup. */
  PUBKEY_INVALID,
  /** The signature is malformed, the point at infinity, or outside the G2 subgroup. */
  SIGNATURE_POINT_INVALID,
  /** Both points are fine but the pairing check fails. */
  SIGNATURE_INVALID
}
