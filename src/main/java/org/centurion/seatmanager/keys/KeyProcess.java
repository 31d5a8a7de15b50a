package org.centurion.seatmanager.keys;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import org.centurion.seatmanager.deposit.KeystoreKdf;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.deposit.ManagedKeyGenerator;
import org.centurion.seatmanager.signing.SignerEndpoint;

/**
 * The running key process: ledger, issuer and server, built from {@link KeyProcessSettings}.
 *
 * <p>Managed keystores use PBKDF2-HMAC-SHA256 with c = 2^18 (EIP-2335's other KDF, accepted by
 * every consensus client): scrypt at the deposit CLI's n = 2^18 needs 256 MiB for one derivation,
 * the whole heap the launcher gives a process (-Xmx256m), while PBKDF2 needs none. Each keystore
 * has its own random password, which leaves this process only sealed.
 */
public final class KeyProcess implements AutoCloseable {
  /** The KDF of every managed keystore. */
  public static final KeystoreKdf KEYSTORE_KDF = KeystoreKdf.Pbkdf2.DEPOSIT_CLI;

  private final KeyServer server;
  private final SignerEndpoint endpoint;

  private KeyProcess(KeyServer server, SignerEndpoint endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /** @param generatorVersion written to each deposit data file's {@code deposit_cli_version}, e.g. seat-manager/1.2 */
  public static KeyProcess start(KeyProcessSettings settings, String generatorVersion, Clock clock) throws IOException {
    SecureRandom random = new SecureRandom();
    PasswordSeal seal;
    try {
      seal = PasswordSeal.fromHex(settings.sealKey().readHex(), random);
    } catch (ManagedKeyException e) {
      throw new IOException(e.getMessage());
    }
    KeyLedger ledger = KeyLedger.open(settings.stateDir(), clock);
    ManagedKeyGenerator generator = new ManagedKeyGenerator(settings.genesisForkVersion(), KEYSTORE_KDF, random,
        "centurion", generatorVersion);
    ManagedKeyIssuer issuer = new ManagedKeyIssuer(settings.mnemonicFile(), seal, generator, ledger, random);
    KeyServer server = new KeyServer(issuer, ledger, settings.secret(), clock);
    return new KeyProcess(server, server.start(settings.endpoint()));
  }

  /** Where it listens (the bound port for port 0). */
  public SignerEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
