package org.centurion.seatmanager.web.ops;

/** The body of {@code POST /v1/executor/pause} and {@code /resume}: why, in words the audit log keeps. */
public record PauseRequest(String reason) {}
