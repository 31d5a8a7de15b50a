package org.centurion.seatmanager.app;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import org.centurion.seatmanager.signing.FileDepositLedger;
import org.centurion.seatmanager.signing.KmsSigner;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.signing.SignerDecisionLog;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.SignerServer;
import org.centurion.seatmanager.signing.SignerSettings;
import org.centurion.seatmanager.signing.TreasuryPolicy;
import org.centurion.seatmanager.signing.TreasurySigner;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The composition root of the isolated signer ({@code seat-manager signer}): the treasury key (local
 * or KMS), the signer's own copy of the treasury policy with its file ledger, the decision log, and
 * the server in front of them, all from {@link SignerSettings} (the signer reads no {@code Config}:
 * it shares no variable with api or watch).
 */
public final class SignerProcess implements AutoCloseable {
  private final TreasurySigner signer;
  private final SignerServer server;
  private final SignerSettings settings;

  private SignerProcess(SignerSettings settings, TreasurySigner signer, SignerServer server) {
    this.settings = settings;
    this.signer = signer;
    this.server = server;
  }

  /**
   * Opens the key, then builds the policy and the decision log.
   *
   * @throws IllegalArgumentException or {@link org.centurion.seatmanager.signing.SigningException} when the key
   *     cannot be opened; another RuntimeException when the policy or the decision log cannot be built
   */
  public static SignerProcess open(SignerSettings settings) {
    TreasurySigner signer = openKey(settings.keySource());
    try {
      SignerSettings.TreasuryRules rules = settings.treasury();
      TreasuryPolicy policy = new TreasuryPolicy(settings.policy(), rules.depositContract(), rules.vaults(),
          rules.maxExitFeeWei(), rules.maxDepositsPerDay(), new FileDepositLedger(rules.ledgerFile()), Clock.systemUTC());
      SignerDecisionLog decisions = new SignerDecisionLog(rules.decisionLogFile(), Clock.systemUTC());
      return new SignerProcess(settings, signer,
          new SignerServer(signer, policy, decisions, settings.secret(), Clock.systemUTC()));
    } catch (RuntimeException e) {
      closeKey(signer);
      throw e;
    }
  }

  private static TreasurySigner openKey(SignerSettings.KeySource source) {
    return switch (source) {
      case SignerSettings.KeySource.LocalKey local -> {
        try {
          yield LocalKeySigner.fromHex(local.hex());
        } finally {
          Arrays.fill(local.hex(), '\0');
        }
      }
      case SignerSettings.KeySource.Kms kms -> KmsSigner.connect(kms.settings(), DefaultCredentialsProvider.builder().build());
    };
  }

  /** Listens on the configured endpoint; returns the one bound (the port chosen when 0 was asked). */
  public SignerEndpoint start() throws IOException {
    return server.start(settings.endpoint());
  }

  public TreasurySigner signer() {
    return signer;
  }

  /** Stops serving (removing the socket), then releases the key. */
  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      if (signer instanceof AutoCloseable c) {
        c.close();
      }
    }
  }

  private static void closeKey(TreasurySigner signer) {
    if (signer instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // the process refuses to start anyway
      }
    }
  }
}
