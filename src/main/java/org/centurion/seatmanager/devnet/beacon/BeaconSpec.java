package org.centurion.seatmanager.devnet.beacon;

/**
 * The simulated consensus layer's parameters. Defaults are small so a test crosses every stage in
 * a few dozen epochs; the names follow the consensus specs where a spec constant exists.
 *
 * @param activationDelayEpochs epochs between becoming eligible and activation (the spec's
 *     1 + MAX_SEED_LOOKAHEAD, without a churn queue)
 * @param exitDelayEpochs epochs between an accepted exit and exit_epoch
 * @param rewardPerEpochGwei what an active, unslashed validator earns each epoch
 * @param slashingPenaltyQuotient a slashed validator loses balance / quotient at once
 */
public record BeaconSpec(
    int secondsPerSlot,
    int slotsPerEpoch,
    long shardCommitteePeriod,
    long minValidatorWithdrawabilityDelay,
    long activationDelayEpochs,
    long exitDelayEpochs,
    long rewardPerEpochGwei,
    long slashingPenaltyQuotient,
    byte[] genesisForkVersion,
    long depositChainId,
    String depositContractAddress) {

  public static final long MAX_EFFECTIVE_BALANCE_GWEI = 32_000_000_000L;
  public static final long FAR_FUTURE_EPOCH = Long.MAX_VALUE; // 2**64-1 in the spec; printed as such

  public BeaconSpec {
    if (secondsPerSlot < 1 || slotsPerEpoch < 1) {
      throw new IllegalArgumentException("slot length and epoch length must be positive");
    }
    if (genesisForkVersion.length != 4) {
      throw new IllegalArgumentException("genesis fork version must be 4 bytes");
    }
    genesisForkVersion = genesisForkVersion.clone();
  }

  /** The devnet's defaults: 1 s slots, 4-slot epochs, short committee and withdrawal periods. */
  public static BeaconSpec devnet(byte[] genesisForkVersion, long chainId, String depositContract) {
    return new BeaconSpec(1, 4, 8, 4, 2, 2, 100_000L, 32, genesisForkVersion, chainId, depositContract);
  }

  @Override
  public byte[] genesisForkVersion() {
    return genesisForkVersion.clone();
  }

  public BeaconSpec withDepositContract(long chainId, String depositContract) {
    return new BeaconSpec(secondsPerSlot, slotsPerEpoch, shardCommitteePeriod, minValidatorWithdrawabilityDelay,
        activationDelayEpochs, exitDelayEpochs, rewardPerEpochGwei, slashingPenaltyQuotient,
        genesisForkVersion, chainId, depositContract);
  }

  public BeaconSpec withSecondsPerSlot(int seconds) {
    return new BeaconSpec(seconds, slotsPerEpoch, shardCommitteePeriod, minValidatorWithdrawabilityDelay,
        activationDelayEpochs, exitDelayEpochs, rewardPerEpochGwei, slashingPenaltyQuotient,
        genesisForkVersion, depositChainId, depositContractAddress);
  }
}
