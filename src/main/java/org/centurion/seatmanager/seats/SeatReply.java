package org.centurion.seatmanager.seats;

/** A seat command's answer: status and JSON body, as sent and as replayed for its Idempotency-Key. */
public record SeatReply(int status, Object body) {}
