package org.centurion.seatmanager.seats;

/** A transition found the seat elsewhere than it expected: someone else moved it first. */
public final class InvalidStateException extends RuntimeException {
  private final long seatId;
  private final SeatState current;

  public InvalidStateException(long seatId, SeatState current, String wanted) {
    super("seat " + seatId + " is " + current + "; " + wanted, null, false, false);
    this.seatId = seatId;
    this.current = current;
  }

  public long seatId() {
    return seatId;
  }

  public SeatState current() {
    return current;
  }
}
