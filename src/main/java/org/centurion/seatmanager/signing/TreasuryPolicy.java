package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.abi.ExecuteCall;
import org.centurion.seatmanager.abi.TreasuryAbi;
import org.centurion.seatmanager.abi.TreasuryCall;
import org.centurion.seatmanager.abi.VaultDerivation;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * The one treasury policy (issue 12), applied before the key is used in every signer mode: the
 * local key and KMS modes through {@link PolicyCheckedSigner}, the isolated signer inside its own
 * process. It reads the call the router will make and allows only what the protocol needs:
 *
 * <ul>
 *   <li>the outer transaction: {@link SignerPolicy} (chain id, {@code to == router}, fee and gas
 *       caps) and value 0; its data a canonical {@code execute(target, value, data)};
 *   <li>target = our factory: {@code deployVault(pubkey, beneficiary)}, value 0;
 *   <li>target = our deposit contract: {@code addAllowedDepositFor} of 32 CTN for the router with
 *       credentials of our vault for that pubkey, {@code removeAllowedDepositFor}, value 0; and
 *       {@code deposit} with exactly 32 CTN, credentials {@code 0x01} naming the vault our factory
 *       deploys for that pubkey and the justified beneficiary, and the deposit_data_root recomputed
 *       from the call's own fields, within the daily velocity limit;
 *   <li>target = the vault our factory deploys for the justified pubkey and beneficiary:
 *       {@code triggerValidatorExit()} with at most the exit fee cap, {@code proposeSettlement},
 *       {@code finalizeSettlement}, {@code cancelSettlement} with value 0;
 *   <li>nothing else: no router self-call, no other target, no value to an account.
 * </ul>
 *
 * Every address it relies on comes from its own configuration, never from the request.
 */
public final class TreasuryPolicy {
  /** What was allowed: the decoded call, for the decision log and the audit row. */
  public record Decision(ExecuteCall execute, TreasuryCall call, String description) {}

  private final SignerPolicy outer;
  private final String depositContract;
  private final VaultDerivation vaults;
  private final BigInteger maxExitFeeWei;
  private final int maxDepositsPerDay;
  private final DepositLedger ledger;
  private final Clock clock;

  public TreasuryPolicy(SignerPolicy outer, String depositContract, VaultDerivation vaults, BigInteger maxExitFeeWei,
      int maxDepositsPerDay, DepositLedger ledger, Clock clock) {
    this.outer = Objects.requireNonNull(outer, "outer");
    this.depositContract = depositContract.toLowerCase(Locale.ROOT);
    this.vaults = Objects.requireNonNull(vaults, "vaults");
    this.maxExitFeeWei = Objects.requireNonNull(maxExitFeeWei, "maxExitFeeWei");
    this.maxDepositsPerDay = maxDepositsPerDay;
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!vaults.router().equals(outer.router())) {
      throw new IllegalArgumentException("the vault derivation's router is not the policy's router");
    }
    if (maxDepositsPerDay < 0) {
      throw new IllegalArgumentException("maxDepositsPerDay must not be negative");
    }
  }

  public SignerPolicy outer() {
    return outer;
  }

  public long chainId() {
    return outer.chainId();
  }

  public String router() {
    return outer.router();
  }

  /** Decides without recording anything (for the executor's own pre-check and for tests). */
  public Decision inspect(RawTransaction tx, SigningJustification why) {
    outer.check(tx);
    Transaction1559 t = (Transaction1559) tx.getTransaction();
    if (t.getValue().signum() != 0) {
      throw refuse(SigningErrorCode.POLICY_OUTER_VALUE, "the outer transaction carries " + t.getValue() + " wei; it must carry 0");
    }
    ExecuteCall execute;
    try {
      execute = ExecuteCall.decode(t.getData());
    } catch (Abi.AbiException e) {
      throw refuse(SigningErrorCode.POLICY_NOT_EXECUTE, e.getMessage());
    }
    TreasuryCall call = TreasuryCall.decode(execute.data());
    String description = execute.target() + " value=" + execute.valueWei() + " " + call.describe();
    String target = execute.target();
    if (target.equals(outer.router())) {
      throw refuse(SigningErrorCode.POLICY_ROUTER_SELF_CALL, "execute may not call the router itself: " + description);
    }
    if (target.equals(vaults.factory())) {
      checkFactoryCall(execute, call, description);
    } else if (target.equals(depositContract)) {
      checkDepositContractCall(execute, call, why, description);
    } else {
      checkVaultCall(execute, call, why, description);
    }
    return new Decision(execute, call, description);
  }

  /** Decides and, for a deposit, records it against the velocity limit: call this right before the key signs. */
  public Decision check(RawTransaction tx, SigningJustification why) {
    Decision d = inspect(tx, why);
    if (d.call() instanceof TreasuryCall.Deposit dep) {
      String pubkey = "0x" + HexFormat.of().formatHex(dep.pubkey());
      if (!ledger.reserve(pubkey, clock.instant(), maxDepositsPerDay)) {
        throw refuse(SigningErrorCode.POLICY_DEPOSIT_VELOCITY, "already " + maxDepositsPerDay
            + " deposits signed in the last 24 hours (SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY)");
      }
    }
    return d;
  }

  private void checkFactoryCall(ExecuteCall execute, TreasuryCall call, String description) {
    if (!(call instanceof TreasuryCall.DeployVault deploy)) {
      throw refuse(SigningErrorCode.POLICY_CALL_NOT_ALLOWED, "only deployVault is allowed on the factory: " + description);
    }
    requireZeroValue(execute, description);
    requirePubkey(deploy.pubkey());
    if (deploy.beneficiary().equals(ZERO_ADDRESS)) {
      throw refuse(SigningErrorCode.POLICY_BAD_ARGUMENT, "the beneficiary is the zero address");
    }
  }

  private void checkDepositContractCall(ExecuteCall execute, TreasuryCall call, SigningJustification why, String description) {
    switch (call) {
      case TreasuryCall.AddIntent add -> {
        requireZeroValue(execute, description);
        requireIntentShape(add.pubkey(), add.amountGwei(), add.depositor());
        requireOurCredentials(add.pubkey(), add.credentials(), why);
      }
      case TreasuryCall.RemoveIntent remove -> {
        requireZeroValue(execute, description);
        requireIntentShape(remove.pubkey(), remove.amountGwei(), remove.depositor());
      }
      case TreasuryCall.Deposit deposit -> {
        if (!execute.valueWei().equals(TreasuryAbi.SEAT_DEPOSIT_WEI)) {
          throw refuse(SigningErrorCode.POLICY_INNER_VALUE, "a deposit is exactly 32 CTN, not " + execute.valueWei() + " wei");
        }
        requirePubkey(deposit.pubkey());
        if (deposit.signature().length != TreasuryAbi.SIGNATURE_BYTES) {
          throw refuse(SigningErrorCode.POLICY_BAD_ARGUMENT, "the deposit signature has " + deposit.signature().length + " bytes, not 96");
        }
        requireOurCredentials(deposit.pubkey(), deposit.credentials(), why);
        byte[] root = DepositSsz.depositDataRoot(deposit.pubkey(), deposit.credentials(), TreasuryAbi.SEAT_DEPOSIT_GWEI,
            deposit.signature());
        if (!Arrays.equals(root, deposit.depositDataRoot())) {
          throw refuse(SigningErrorCode.POLICY_DEPOSIT_ROOT_MISMATCH,
              "deposit_data_root is not the root of the call's own pubkey, credentials, 32 CTN and signature");
        }
      }
      default -> throw refuse(SigningErrorCode.POLICY_CALL_NOT_ALLOWED,
          "only the allowlist intents and deposit are allowed on the deposit contract: " + description);
    }
  }

  private void checkVaultCall(ExecuteCall execute, TreasuryCall call, SigningJustification why, String description) {
    boolean vaultFunction = call instanceof TreasuryCall.TriggerExit || call instanceof TreasuryCall.ProposeSettlement
        || call instanceof TreasuryCall.FinalizeSettlement || call instanceof TreasuryCall.CancelSettlement;
    if (!vaultFunction) {
      throw refuse(SigningErrorCode.POLICY_INNER_TARGET_NOT_ALLOWED,
          "the target is not our factory, deposit contract or a vault call: " + description);
    }
    if (why.pubkey().isEmpty() || why.beneficiary().isEmpty()) {
      throw refuse(SigningErrorCode.POLICY_JUSTIFICATION_MISSING, "a vault call must carry the vault's pubkey and beneficiary");
    }
    requirePubkey(why.pubkey().get());
    String derived = vaults.vaultFor(why.pubkey().get(), why.beneficiary().get());
    if (!derived.equals(execute.target())) {
      throw refuse(SigningErrorCode.POLICY_VAULT_NOT_OURS, "the target " + execute.target()
          + " is not the vault our factory deploys for the justified pubkey and beneficiary (" + derived + ")");
    }
    if (call instanceof TreasuryCall.TriggerExit) {
      if (execute.valueWei().compareTo(maxExitFeeWei) > 0) {
        throw refuse(SigningErrorCode.POLICY_EXIT_FEE_CAP, "exit fee " + execute.valueWei() + " wei exceeds the cap of "
            + maxExitFeeWei + " wei (SEAT_MANAGER_MAX_EXIT_FEE_WEI)");
      }
    } else {
      requireZeroValue(execute, description);
    }
  }

  private void requireOurCredentials(byte[] pubkey, byte[] credentials, SigningJustification why) {
    if (why.beneficiary().isEmpty()) {
      throw refuse(SigningErrorCode.POLICY_JUSTIFICATION_MISSING, "the request must carry the vault's beneficiary");
    }
    if (why.pubkey().isPresent() && !Arrays.equals(why.pubkey().get(), pubkey)) {
      throw refuse(SigningErrorCode.POLICY_JUSTIFICATION_MISSING, "the justified pubkey is not the call's pubkey");
    }
    byte[] expected = vaults.credentialsFor(pubkey, why.beneficiary().get());
    if (!Arrays.equals(expected, credentials)) {
      throw refuse(SigningErrorCode.POLICY_CREDENTIALS_NOT_OUR_VAULT, "withdrawal credentials 0x"
          + HexFormat.of().formatHex(credentials) + " are not 0x01 credentials of our vault for this pubkey (0x"
          + HexFormat.of().formatHex(expected) + ")");
    }
  }

  private void requireIntentShape(byte[] pubkey, long amountGwei, String depositor) {
    requirePubkey(pubkey);
    if (amountGwei != TreasuryAbi.SEAT_DEPOSIT_GWEI) {
      throw refuse(SigningErrorCode.POLICY_BAD_ARGUMENT, "an intent is for 32 CTN, not " + amountGwei + " gwei");
    }
    if (!depositor.equals(outer.router())) {
      throw refuse(SigningErrorCode.POLICY_BAD_ARGUMENT, "the intent's depositor " + depositor + " is not the router");
    }
  }

  private static void requirePubkey(byte[] pubkey) {
    if (pubkey.length != TreasuryAbi.PUBKEY_BYTES) {
      throw refuse(SigningErrorCode.POLICY_BAD_ARGUMENT, "a validator pubkey has 48 bytes, not " + pubkey.length);
    }
  }

  private static void requireZeroValue(ExecuteCall execute, String description) {
    if (execute.valueWei().signum() != 0) {
      throw refuse(SigningErrorCode.POLICY_INNER_VALUE, "this call forwards no value: " + description);
    }
  }

  private static SigningException refuse(SigningErrorCode code, String message) {
    return new SigningException(code, message);
  }

  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
}
