package org.centurion.seatmanager.abi;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * The inner call of {@code execute(target, value, data)}, decoded by selector (the target decides
 * which contract it is meant for; the policy checks that separately). Decoding is strict: the data
 * must be the canonical encoding of the decoded arguments, nothing more or less.
 */
public sealed interface TreasuryCall {
  /** A short description for logs and audit rows: the function and its arguments, never a secret. */
  String describe();

  record DeployVault(byte[] pubkey, String beneficiary) implements TreasuryCall {
    public String describe() {
      return "deployVault(pubkey=" + hex(pubkey) + ", beneficiary=" + beneficiary + ")";
    }
  }

  record AddIntent(byte[] pubkey, byte[] credentials, long amountGwei, String depositor) implements TreasuryCall {
    public String describe() {
      return "addAllowedDepositFor(pubkey=" + hex(pubkey) + ", wc=" + hex(credentials) + ", amountGwei=" + amountGwei
          + ", depositor=" + depositor + ")";
    }
  }

  record RemoveIntent(byte[] pubkey, byte[] credentials, long amountGwei, String depositor) implements TreasuryCall {
    public String describe() {
      return "removeAllowedDepositFor(pubkey=" + hex(pubkey) + ", wc=" + hex(credentials) + ", amountGwei=" + amountGwei
          + ", depositor=" + depositor + ")";
    }
  }

  record Deposit(byte[] pubkey, byte[] credentials, byte[] signature, byte[] depositDataRoot) implements TreasuryCall {
    public String describe() {
      return "deposit(pubkey=" + hex(pubkey) + ", wc=" + hex(credentials) + ", root=" + hex(depositDataRoot) + ")";
    }
  }

  record TriggerExit() implements TreasuryCall {
    public String describe() {
      return "triggerValidatorExit()";
    }
  }

  record ProposeSettlement(BigInteger maxRewardsClaimedWei) implements TreasuryCall {
    public String describe() {
      return "proposeSettlement(maxRewardsClaimedWei=" + maxRewardsClaimedWei + ")";
    }
  }

  record FinalizeSettlement() implements TreasuryCall {
    public String describe() {
      return "finalizeSettlement()";
    }
  }

  record CancelSettlement() implements TreasuryCall {
    public String describe() {
      return "cancelSettlement()";
    }
  }

  /** Anything else: empty data (a plain payment), router self-calls, unknown selectors, malformed arguments. */
  record Unrecognised(String selector, String why) implements TreasuryCall {
    public String describe() {
      return "unrecognised(selector=" + selector + ": " + why + ")";
    }
  }

  /** Decodes {@code data}; never throws: what cannot be read strictly is {@link Unrecognised}. */
  static TreasuryCall decode(byte[] data) {
    String selector = Abi.selectorOf(data);
    byte[] a = Abi.arguments(data);
    try {
      TreasuryCall call = switch (selectorName(selector).orElse("")) {
        case TreasuryAbi.DEPLOY_VAULT -> new DeployVault(Abi.dynamicBytes(a, 0), Abi.wordAsAddress(a, 1));
        case TreasuryAbi.ADD_ALLOWED_DEPOSIT_FOR ->
            new AddIntent(Abi.dynamicBytes(a, 0), Abi.dynamicBytes(a, 1), uint64(a, 2), Abi.wordAsAddress(a, 3));
        case TreasuryAbi.REMOVE_ALLOWED_DEPOSIT_FOR ->
            new RemoveIntent(Abi.dynamicBytes(a, 0), Abi.dynamicBytes(a, 1), uint64(a, 2), Abi.wordAsAddress(a, 3));
        case TreasuryAbi.DEPOSIT ->
            new Deposit(Abi.dynamicBytes(a, 0), Abi.dynamicBytes(a, 1), Abi.dynamicBytes(a, 2), Abi.wordBytes(a, 3));
        case TreasuryAbi.TRIGGER_VALIDATOR_EXIT -> new TriggerExit();
        case TreasuryAbi.PROPOSE_SETTLEMENT -> new ProposeSettlement(Abi.word(a, 0));
        case TreasuryAbi.FINALIZE_SETTLEMENT -> new FinalizeSettlement();
        case TreasuryAbi.CANCEL_SETTLEMENT -> new CancelSettlement();
        default -> new Unrecognised(selector, data.length == 0 ? "no calldata (a plain payment)" : "not a treasury call");
      };
      if (!(call instanceof Unrecognised) && !Arrays.equals(Numeric.hexStringToByteArray(encode(call)), data)) {
        return new Unrecognised(selector, "arguments are not canonically encoded");
      }
      return call;
    } catch (Abi.AbiException | ArithmeticException e) {
      return new Unrecognised(selector, "malformed arguments: " + e.getMessage());
    }
  }

  /** The canonical calldata of a recognised call. */
  static String encode(TreasuryCall call) {
    return switch (call) {
      case DeployVault d -> TreasuryAbi.deployVault(d.pubkey(), d.beneficiary());
      case AddIntent i -> TreasuryAbi.addAllowedDepositFor(i.pubkey(), i.credentials(), i.amountGwei(), i.depositor());
      case RemoveIntent i -> TreasuryAbi.removeAllowedDepositFor(i.pubkey(), i.credentials(), i.amountGwei(), i.depositor());
      case Deposit d -> TreasuryAbi.deposit(d.pubkey(), d.credentials(), d.signature(), d.depositDataRoot());
      case TriggerExit t -> TreasuryAbi.triggerValidatorExit();
      case ProposeSettlement p -> TreasuryAbi.proposeSettlement(p.maxRewardsClaimedWei());
      case FinalizeSettlement f -> TreasuryAbi.finalizeSettlement();
      case CancelSettlement c -> TreasuryAbi.cancelSettlement();
      case Unrecognised u -> throw new IllegalArgumentException("an unrecognised call has no canonical encoding");
    };
  }

  private static Optional<String> selectorName(String selector) {
    for (String s : new String[] {TreasuryAbi.DEPLOY_VAULT, TreasuryAbi.ADD_ALLOWED_DEPOSIT_FOR,
        TreasuryAbi.REMOVE_ALLOWED_DEPOSIT_FOR, TreasuryAbi.DEPOSIT, TreasuryAbi.TRIGGER_VALIDATOR_EXIT,
        TreasuryAbi.PROPOSE_SETTLEMENT, TreasuryAbi.FINALIZE_SETTLEMENT, TreasuryAbi.CANCEL_SETTLEMENT}) {
      if (Abi.selector(s).equals(selector)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static long uint64(byte[] a, int n) {
    BigInteger v = Abi.word(a, n);
    if (v.bitLength() > 63) {
      throw new Abi.AbiException("word " + n + " is not a uint64 we accept");
    }
    return v.longValueExact();
  }

  private static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }
}
