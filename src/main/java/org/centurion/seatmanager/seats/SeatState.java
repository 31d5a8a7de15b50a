package org.centurion.seatmanager.seats;

import java.util.EnumSet;
import java.util.Set;

/** Where a seat is in its life; the only legal moves are {@link #canMoveTo}. */
public enum SeatState {
  CREATED,
  DATA_VERIFIED,
  ALLOWLISTED,
  DEPOSITED,
  SEEN_BY_CL,
  ACTIVE,
  EXIT_REQUESTED,
  EXITED,
  SETTLING,
  SETTLED,
  EXCEPTION,
  REVOKED;

  /** Revocation stops a seat before money moves; after the deposit only an exit can. */
  public static final Set<SeatState> REVOCABLE = EnumSet.of(CREATED, DATA_VERIFIED, ALLOWLISTED);

  /**
   * Where an EXCEPTION seat may be resolved to (issue 15): only the state the chain's evidence
   * supports, read again by {@link SeatResolution}; never SETTLED (a settlement needs its amounts).
   */
  public static final Set<SeatState> RESOLVABLE_TO = EnumSet.of(CREATED, DATA_VERIFIED, ALLOWLISTED, DEPOSITED, SEEN_BY_CL,
      ACTIVE, EXIT_REQUESTED, EXITED, SETTLING);

  public boolean isTerminal() {
    return this == SETTLED || this == REVOKED;
  }

  public boolean canMoveTo(SeatState to) {
    if (to == EXCEPTION) {
      return this != EXCEPTION && !isTerminal();
    }
    if (to == REVOKED) {
      // issue 15: an EXCEPTION seat is revoked only when nothing was deposited (SeatFunding.revoke checks)
      return REVOCABLE.contains(this) || this == EXCEPTION;
    }
    return switch (this) {
      case CREATED -> to == DATA_VERIFIED;
      case DATA_VERIFIED -> to == ALLOWLISTED;
      case ALLOWLISTED -> to == DEPOSITED;
      case DEPOSITED -> to == SEEN_BY_CL;
      case SEEN_BY_CL -> to == ACTIVE;
      case ACTIVE -> to == EXIT_REQUESTED || to == EXITED;
      case EXIT_REQUESTED -> to == EXITED;
      case EXITED -> to == SETTLING;
      case SETTLING -> to == SETTLED;
      case EXCEPTION -> RESOLVABLE_TO.contains(to);
      case SETTLED, REVOKED -> false;
    };
  }
}
