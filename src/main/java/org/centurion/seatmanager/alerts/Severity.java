package org.centurion.seatmanager.alerts;

/** How urgently a human must look. Stored by name. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
