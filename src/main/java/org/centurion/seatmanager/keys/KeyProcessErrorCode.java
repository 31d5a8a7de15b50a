package org.centurion.seatmanager.keys;

/** Stable codes of the key process's refusals: on the wire, in its log and in the client's exception. */
public enum KeyProcessErrorCode {
  /** The request frame or body is not well-formed. */
  BAD_REQUEST,
  /** The request MAC does not verify under the shared secret. */
  UNAUTHENTICATED,
  /** A request seen before, or outside the freshness window. */
  REPLAYED_REQUEST,
  /** Anything but reserve and issue: no operation ever returns a secret, a password or a stored keystore. */
  OPERATION_NOT_OFFERED,
  /** issue for an index this key process never reserved. */
  KEY_NOT_RESERVED,
  /** issue for an index already issued: each key gets deposit data and a keystore once, for one vault. */
  KEY_ALREADY_ISSUED,
  /** The key process cannot generate (mnemonic or seal key unreadable, ledger not writable). */
  KEYS_UNAVAILABLE,
  /** The key process could not be reached, or its answer did not verify (client side). */
  KEY_PROCESS_UNAVAILABLE
}
