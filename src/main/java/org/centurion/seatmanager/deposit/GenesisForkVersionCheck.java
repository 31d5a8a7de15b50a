package org.centurion.seatmanager.deposit;

import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.BeaconException;

/**
 * The start-up cross-check of {@code SEAT_MANAGER_GENESIS_FORK_VERSION} against a beacon node's
 * {@code GET /eth/v1/beacon/genesis}, read through the one {@link BeaconClient} (its timeout, body
 * limit, backoff and label-only errors). A deposit signed for the wrong fork version is silently
 * dropped by the consensus layer, so a mismatch must stop the process before it verifies a single
 * deposit; a beacon node that cannot answer stops it too, since the check could not be made.
 */
public final class GenesisForkVersionCheck {
  private final BeaconClient beacon;

  public GenesisForkVersionCheck(BeaconClient beacon) {
    this.beacon = beacon;
  }

  /** Thrown when the configured fork version cannot be confirmed; fatal at start. */
  public static final class MismatchException extends Exception {
    public MismatchException(String message) {
      super(message);
    }
  }

  /** The fork version the beacon node reports. */
  public ForkVersion fetch() throws MismatchException {
    String reported;
    try {
      reported = beacon.genesisForkVersion();
    } catch (BeaconException e) {
      throw new MismatchException("beacon genesis check: " + beacon.label() + " did not answer a usable"
          + " data.genesis_fork_version (" + e.getMessage() + ")");
    }
    try {
      return ForkVersion.parse(reported);
    } catch (IllegalArgumentException e) {
      throw new MismatchException("beacon genesis check: the response has no valid data.genesis_fork_version");
    }
  }

  /** Passes only when the beacon node reports exactly {@code configured}. */
  public void requireMatch(ForkVersion configured) throws MismatchException {
    ForkVersion reported = fetch();
    if (!reported.equals(configured)) {
      throw new MismatchException(
          "SEAT_MANAGER_GENESIS_FORK_VERSION is " + configured + " but the beacon endpoint " + beacon.label()
              + " reports " + reported + "; fix the setting or the endpoint before starting");
    }
  }
}
