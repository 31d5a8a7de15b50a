package org.centurion.seatmanager.signing;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;

/**
 * A key (local or KMS) that signs only what the {@link TreasuryPolicy} allows: the policy runs
 * before the key is touched, whoever the caller is. The production composition
 * ({@link TreasurySigners}) never hands out a local or KMS key without this wrapper.
 */
public final class PolicyCheckedSigner implements TreasurySigner, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyCheckedSigner.class);

  private final TreasurySigner key;
  private final TreasuryPolicy policy;

  public PolicyCheckedSigner(TreasurySigner key, TreasuryPolicy policy) {
    this.key = Objects.requireNonNull(key, "key");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String address() {
    return key.address();
  }

  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId) {
    return sign(transaction, chainId, SigningJustification.NONE);
  }

  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId, SigningJustification justification) {
    if (chainId != policy.chainId()) {
      throw new SigningException(SigningErrorCode.CHAIN_ID_MISMATCH, "asked to sign for chain " + chainId
          + ", the policy is for chain " + policy.chainId());
    }
    TreasuryPolicy.Decision decision;
    try {
      decision = policy.check(transaction, justification);
    } catch (SigningException refused) {
      LOG.warn("treasury policy refused a {} signature code={} reason={}", key.mode(), refused.code(), refused.getMessage());
      throw refused;
    }
    SignedTransaction signed = key.sign(transaction, chainId);
    LOG.info("treasury policy allowed and {} key signed {}: {}", key.mode(), signed.hash(), decision.description());
    return signed;
  }

  @Override
  public String mode() {
    return key.mode();
  }

  @Override
  public void close() throws Exception {
    if (key instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "PolicyCheckedSigner[" + key + "]";
  }
}
