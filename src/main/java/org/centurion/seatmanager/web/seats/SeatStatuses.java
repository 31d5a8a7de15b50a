package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.seats.SeatReply;

/** The HTTP status of a seat command's outcome: the web layer's choice, not the feature's. */
public final class SeatStatuses {
  private SeatStatuses() {}

  public static int of(SeatReply.Outcome outcome) {
    return switch (outcome) {
      case DONE -> 200;
      case QUEUED -> 202;
    };
  }
}
