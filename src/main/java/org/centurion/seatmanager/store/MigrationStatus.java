package org.centurion.seatmanager.store;

import java.util.List;

/** The schema as it stands against this build's migrations. */
public record MigrationStatus(List<Entry> entries) {
  public enum State {
    APPLIED,
    PENDING,
    FAILED,
    /** Applied by a newer build: this build must not run against that schema. */
    UNKNOWN_TO_THIS_BUILD,
    OTHER
  }

  public record Entry(String version, String description, State state) {
    public String label() {
      return "V" + version + " " + description;
    }
  }

  public List<Entry> in(State state) {
    return entries.stream().filter(e -> e.state() == state).toList();
  }

  /** Current means: nothing pending, nothing failed, nothing from a newer build. */
  public boolean isCurrent() {
    return in(State.PENDING).isEmpty() && in(State.FAILED).isEmpty()
        && in(State.UNKNOWN_TO_THIS_BUILD).isEmpty();
  }
}
