package org.centurion.seatmanager.seats;

/**
 * A seat command's answer: what became of the command and its JSON body, as sent and as replayed for
 * its Idempotency-Key. Which HTTP status says so is the web adapter's choice ({@code web.seats.SeatStatuses}).
 */
public record SeatReply(Outcome outcome, Object body) {
  /** What a seat command did. */
  public enum Outcome {
    /** The seat changed now; the body is the seat. */
    DONE,
    /** An operation was queued; the executor signs and sends it later. */
    QUEUED
  }

  public static SeatReply done(Object body) {
    return new SeatReply(Outcome.DONE, body);
  }

  public static SeatReply queued(Object body) {
    return new SeatReply(Outcome.QUEUED, body);
  }
}
