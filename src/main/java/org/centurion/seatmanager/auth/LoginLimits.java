package org.centurion.seatmanager.auth;

/**
 * How hard the authentication endpoints push back.
 *
 * @param loginsPerUsernamePerMinute login attempts per username per minute (per instance)
 * @param loginsPerIpPerMinute login attempts per client IP per minute (per instance)
 * @param stepUpsPerSessionPerMinute step-up attempts per session per minute
 * @param stakerReadsPerKeyPerMinute requests per staker API key per minute
 */
public record LoginLimits(
    int loginsPerUsernamePerMinute,
    int loginsPerIpPerMinute,
    int stepUpsPerSessionPerMinute,
    int stakerReadsPerKeyPerMinute) {

  public static LoginLimits defaults() {
    return new LoginLimits(10, 30, 5, 60);
  }
}
