package org.centurion.seatmanager.devnet.beacon;

import static org.centurion.seatmanager.devnet.beacon.BeaconSpec.FAR_FUTURE_EPOCH;
import static org.centurion.seatmanager.devnet.beacon.BeaconSpec.MAX_EFFECTIVE_BALANCE_GWEI;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.devnet.beacon.ExecutionLayerFeed.DepositRequest;
import org.centurion.seatmanager.devnet.beacon.ExecutionLayerFeed.WithdrawalRequest;

/**
 * A consensus layer reduced to what the seat manager can observe, driven by the execution layer:
 * deposits become validators (a new pubkey with a bad signature is dropped, as Electra's
 * apply_deposit does), validators activate, earn, get their excess swept to their 0x01 address,
 * honour EIP-7002 exit requests only under the real rules, exit, and are fully withdrawn.
 *
 * <p>Time moves only through {@link #advanceSlots}: tests call it directly, the devnet command
 * from a ticker. Epoch processing runs on each epoch boundary. Thread-safe: readers get
 * immutable {@link BeaconState} snapshots.
 */
public final class BeaconChainSimulator {
  /** Where consensus-layer withdrawals land on the execution layer. */
  @FunctionalInterface
  public interface WithdrawalSink {
    void credit(String address, BigInteger wei);
  }

  /** One consensus-layer withdrawal paid to the execution layer. */
  public record Withdrawal(long validatorIndex, String address, long amountGwei, long epoch, boolean full) {}

  /** Why an EIP-7002 request had no effect; the execution layer never learns it. */
  public record IgnoredExitRequest(String sourceAddress, String pubkeyHex, long epoch, String reason) {}

  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final HexFormat HEX = HexFormat.of();

  private final BeaconSpec spec;
  private final ExecutionLayerFeed feed;
  private final WithdrawalSink sink;
  private final DepositSignatureVerifier verifier;
  private final long genesisTime;

  private final List<Validator> validators = new ArrayList<>();
  private final Map<String, Validator> byPubkey = new LinkedHashMap<>();
  private final List<BeaconState> epochHistory = new ArrayList<>();
  private final List<DepositRequest> droppedDeposits = new ArrayList<>();
  private final List<IgnoredExitRequest> ignoredExits = new ArrayList<>();
  private final java.util.Set<String> dropExitRequests = new java.util.HashSet<>();
  private final List<Withdrawal> withdrawals = new ArrayList<>();
  private long slot;

  public BeaconChainSimulator(BeaconSpec spec, ExecutionLayerFeed feed, WithdrawalSink sink, long genesisTime) {
    this.spec = spec;
    this.feed = feed;
    this.sink = sink;
    this.verifier = new DepositSignatureVerifier(spec.genesisForkVersion());
    this.genesisTime = genesisTime;
    epochHistory.add(snapshot());
  }

  public BeaconSpec spec() {
    return spec;
  }

  public long genesisTime() {
    return genesisTime;
  }

  public synchronized long headSlot() {
    return slot;
  }

  public synchronized long currentEpoch() {
    return slot / spec.slotsPerEpoch();
  }

  public synchronized void advanceSlots(long n) {
    for (long i = 0; i < n; i++) {
      slot++;
      if (slot % spec.slotsPerEpoch() == 0) {
        processEpoch(slot / spec.slotsPerEpoch());
      }
    }
  }

  public synchronized void advanceEpochs(long n) {
    long target = (currentEpoch() + n) * spec.slotsPerEpoch();
    advanceSlots(target - slot);
  }

  /** The head state. */
  public synchronized BeaconState head() {
    return snapshot();
  }

  /** The state at the end of an epoch's processing (epoch 0 = genesis); empty if not reached. */
  public synchronized Optional<BeaconState> stateAtEpoch(long epoch) {
    if (epoch < 0 || epoch >= epochHistory.size()) {
      return Optional.empty();
    }
    return Optional.of(epochHistory.get((int) epoch));
  }

  public synchronized List<DepositRequest> droppedDeposits() {
    return List.copyOf(droppedDeposits);
  }

  public synchronized List<IgnoredExitRequest> ignoredExitRequests() {
    return List.copyOf(ignoredExits);
  }

  public synchronized List<Withdrawal> withdrawals() {
    return List.copyOf(withdrawals);
  }

  /** Total wei the consensus layer has paid to an execution address. */
  public synchronized BigInteger withdrawnTo(String address) {
    return withdrawals.stream().filter(w -> w.address().equalsIgnoreCase(address))
        .map(w -> BigInteger.valueOf(w.amountGwei()).multiply(GWEI)).reduce(BigInteger.ZERO, BigInteger::add);
  }

  /**
   * Test hook: the next exit request for this validator is dropped, as a consensus client drops one
   * it judges invalid (issue 15: the exit must be sent again).
   */
  public synchronized void dropNextExitRequest(byte[] pubkey) {
    dropExitRequests.add(HEX.formatHex(pubkey));
  }

  /** Test hook: slash a validator now (balance cut, forced exit). */
  public synchronized void slash(byte[] pubkey) {
    Validator v = byPubkey.get(HEX.formatHex(pubkey));
    if (v == null) {
      throw new IllegalArgumentException("unknown validator");
    }
    long epoch = currentEpoch();
    if (v.slashed || v.activationEpoch > epoch || v.withdrawableEpoch <= epoch) {
      throw new IllegalStateException("validator is not slashable at epoch " + epoch);
    }
    v.slashed = true;
    v.balance -= v.balance / spec.slashingPenaltyQuotient();
    v.effectiveBalance = Math.min(MAX_EFFECTIVE_BALANCE_GWEI, v.balance - v.balance % 1_000_000_000L);
    if (v.exitEpoch == FAR_FUTURE_EPOCH) {
      initiateExit(v, epoch);
    }
  }

  // ---------------------------------------------------------------- epoch

  private void processEpoch(long epoch) {
    ExecutionLayerFeed.Batch batch = feed.poll();
    for (DepositRequest d : batch.deposits()) {
      applyDeposit(d, epoch);
    }
    for (WithdrawalRequest w : batch.withdrawals()) {
      applyWithdrawalRequest(w, epoch);
    }
    for (Validator v : validators) {
      if (v.activationEligibilityEpoch == FAR_FUTURE_EPOCH && v.seenEpoch < epoch
          && v.effectiveBalance == MAX_EFFECTIVE_BALANCE_GWEI) {
        v.activationEligibilityEpoch = epoch;
        v.activationEpoch = epoch + spec.activationDelayEpochs();
      }
      boolean active = v.activationEpoch <= epoch && epoch < v.exitEpoch;
      if (active && !v.slashed) {
        v.balance += spec.rewardPerEpochGwei();
      }
      sweep(v, epoch);
    }
    epochHistory.add(snapshot());
  }

  private void applyDeposit(DepositRequest d, long epoch) {
    String key = HEX.formatHex(d.pubkey());
    Validator existing = byPubkey.get(key);
    if (existing != null) {
      existing.balance += d.amountGwei();     // top-up: no signature check, as in the spec
      return;
    }
    if (!verifier.isValid(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), d.signature())) {
      droppedDeposits.add(d);
      return;
    }
    Validator v = new Validator(validators.size(), d.pubkey(), d.withdrawalCredentials(), epoch);
    v.balance = d.amountGwei();
    v.effectiveBalance = Math.min(MAX_EFFECTIVE_BALANCE_GWEI, d.amountGwei() - d.amountGwei() % 1_000_000_000L);
    validators.add(v);
    byPubkey.put(key, v);
  }

  /** process_withdrawal_request, full exits only (Centurion vaults hold 0x01 credentials). */
  private void applyWithdrawalRequest(WithdrawalRequest w, long epoch) {
    String key = HEX.formatHex(w.pubkey());
    Validator v = byPubkey.get(key);
    String reason = null;
    if (dropExitRequests.remove(key)) {
      reason = "dropped (test hook)";
    } else if (v == null) {
      reason = "unknown pubkey";
    } else if (w.amountGwei() != 0) {
      reason = "partial withdrawal needs 0x02 credentials";
    } else if (v.withdrawalCredentials[0] != 0x01 && v.withdrawalCredentials[0] != 0x02) {
      reason = "no execution withdrawal credentials";
    } else if (!HEX.formatHex(Arrays.copyOfRange(v.withdrawalCredentials, 12, 32))
        .equalsIgnoreCase(w.sourceAddress().substring(2))) {
      reason = "source address is not the credential address";
    } else if (!(v.activationEpoch <= epoch && epoch < v.exitEpoch)) {
      reason = "validator not active";
    } else if (v.exitEpoch != FAR_FUTURE_EPOCH) {
      reason = "validator already exiting";
    } else if (epoch < v.activationEpoch + spec.shardCommitteePeriod()) {
      reason = "active for less than SHARD_COMMITTEE_PERIOD";
    }
    if (reason != null) {
      ignoredExits.add(new IgnoredExitRequest(w.sourceAddress(), key, epoch, reason));
      return;
    }
    initiateExit(v, epoch);
  }

  private void initiateExit(Validator v, long epoch) {
    v.exitEpoch = epoch + 1 + spec.exitDelayEpochs();
    v.withdrawableEpoch = v.exitEpoch + spec.minValidatorWithdrawabilityDelay();
  }

  /** Full withdrawal once withdrawable; otherwise skim the excess over the max effective balance. */
  private void sweep(Validator v, long epoch) {
    if (v.withdrawalCredentials[0] != 0x01) {
      return;
    }
    String to = "0x" + HEX.formatHex(Arrays.copyOfRange(v.withdrawalCredentials, 12, 32));
    long amount;
    boolean full = v.withdrawableEpoch < epoch;   // the sweep reaches it the epoch after: withdrawal_possible shows
    if (full) {
      amount = v.balance;
    } else if (v.effectiveBalance == MAX_EFFECTIVE_BALANCE_GWEI && v.balance > MAX_EFFECTIVE_BALANCE_GWEI) {
      amount = v.balance - MAX_EFFECTIVE_BALANCE_GWEI;
    } else {
      return;
    }
    if (amount > 0) {
      sink.credit(to, BigInteger.valueOf(amount).multiply(GWEI));
      withdrawals.add(new Withdrawal(v.index, to, amount, epoch, full));
      v.balance -= amount;
      if (v.balance == 0) {
        v.effectiveBalance = 0;
      }
    }
  }

  private BeaconState snapshot() {
    long epoch = slot / spec.slotsPerEpoch();
    List<ValidatorView> views = new ArrayList<>(validators.size());
    for (Validator v : validators) {
      views.add(new ValidatorView(v.index, v.pubkey.clone(), v.withdrawalCredentials.clone(), v.balance,
          v.effectiveBalance, v.slashed, v.activationEligibilityEpoch, v.activationEpoch, v.exitEpoch,
          v.withdrawableEpoch, ValidatorView.statusAt(epoch, v.activationEligibilityEpoch, v.activationEpoch,
              v.exitEpoch, v.withdrawableEpoch, v.slashed, v.balance)));
    }
    return new BeaconState(slot, epoch, Math.max(0, epoch - 2), Math.max(0, epoch - 1), views);
  }

  private static final class Validator {
    final long index;
    final byte[] pubkey;
    final byte[] withdrawalCredentials;
    final long seenEpoch;
    long balance;
    long effectiveBalance;
    boolean slashed;
    long activationEligibilityEpoch = FAR_FUTURE_EPOCH;
    long activationEpoch = FAR_FUTURE_EPOCH;
    long exitEpoch = FAR_FUTURE_EPOCH;
    long withdrawableEpoch = FAR_FUTURE_EPOCH;

    Validator(long index, byte[] pubkey, byte[] withdrawalCredentials, long seenEpoch) {
      this.index = index;
      this.pubkey = pubkey.clone();
      this.withdrawalCredentials = withdrawalCredentials.clone();
      this.seenEpoch = seenEpoch;
    }
  }
}
