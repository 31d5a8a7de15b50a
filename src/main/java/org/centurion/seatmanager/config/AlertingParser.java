package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.time.Duration;

/**
 * Alert thresholds.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class AlertingParser {
  private AlertingParser() {}

  /** Alert thresholds; unset variables keep the defaults the watchers always had. */
  static Config.Alerting alerting(EnvReader r) {
    Config.Alerting d = Config.Alerting.defaults();
    java.math.BigInteger lowWater = java.math.BigInteger.TEN.pow(18).multiply(java.math.BigInteger.valueOf(
        r.positiveInt(TREASURY_LOW_WATER_CTN, (int) Config.Alerting.DEFAULT_TREASURY_LOW_WATER_CTN)));
    Duration stall = Duration.ofSeconds(r.positiveInt(WATCHER_STALL_SECONDS, (int) d.watcherStalledAfter().toSeconds()));
    if (r.env.isSet(WATCHER_STALL_SECONDS) && stall.toSeconds() < 30) {
      r.problems.add(WATCHER_STALL_SECONDS + " must be at least 30 (watchers poll every 12-60 s; less would flap)");
    }
    Duration stuck = Duration.ofMinutes(r.positiveInt(OPERATION_STUCK_MINUTES, (int) d.operationStuckAfter().toMinutes()));
    long exitEpochs = r.positiveInt(EXIT_IGNORED_EPOCHS, (int) d.exitIgnoredEpochs());
    long lag = r.positiveInt(DEPOSIT_LAG_BLOCKS, (int) d.depositLagBlocks());
    Duration sunsetWarning = Duration.ofDays(r.positiveInt(STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS,
        (int) d.staticTokenSunsetWarning().toDays()));
    Duration sweep = Duration.ofHours(r.positiveInt(VAULT_SWEEP_STALL_HOURS, (int) d.vaultSweepStallAfter().toHours()));
    Duration claim = Duration.ofHours(r.positiveInt(VAULT_CLAIM_GRACE_HOURS, (int) d.vaultClaimGrace().toHours()));
    Duration settlement = Duration.ofMinutes(r.positiveInt(SETTLEMENT_GRACE_MINUTES, (int) d.settlementGrace().toMinutes()));
    return new Config.Alerting(lowWater, stall, stuck, exitEpochs, lag, sunsetWarning, sweep, claim, settlement);
  }
}
