package org.centurion.seatmanager.watch;

/**
 * @param minAgreeing beacon endpoints that must report the same thing before a seat moves
 *     ({@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS})
 * @param exitGraceEpochs finalized epochs an exit request may go unseen before the alert
 */
public record ValidatorWatcherSettings(int minAgreeing, long exitGraceEpochs) {
  public ValidatorWatcherSettings {
    if (minAgreeing < 1) {
      throw new IllegalArgumentException("at least one endpoint must agree");
    }
    if (exitGraceEpochs < 1) {
      throw new IllegalArgumentException("exit grace is at least one epoch");
    }
  }
}
