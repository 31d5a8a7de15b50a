package org.centurion.seatmanager.beacon;

/**
 * A beacon endpoint failed or answered something unusable. The message names the endpoint's label
 * and what was asked, never the URL (provider URLs carry API keys).
 */
public final class BeaconException extends RuntimeException {
  public BeaconException(String message) {
    super(message);
  }
}
