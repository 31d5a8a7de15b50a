package org.centurion.seatmanager.signing;

import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The executor's {@link DepositLedger} when it holds the key itself (local key or KMS): rows of
 * {@code treasury_deposit_signatures}, append-only, checked and inserted under one advisory lock
 * so two executors cannot both take the last slot. It survives restarts; it does not survive a
 * database owner who deletes rows, which the isolated signer's own ledger file does.
 */
public final class DatabaseDepositLedger implements DepositLedger {
  private static final long LOCK = 0x7472_6561_7375_7279L; // "treasury"

  private final Jdbi jdbi;

  public DatabaseDepositLedger(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean reserve(String pubkeyHex, Instant now, int maxPerWindow) {
    return jdbi.inTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(?)", LOCK);
      Timestamp since = Timestamp.from(now.minus(WINDOW));
      boolean known = h.createQuery("SELECT count(*) FROM treasury_deposit_signatures WHERE pubkey = :p AND signed_at > :s")
          .bind("p", pubkeyHex).bind("s", since).mapTo(Long.class).one() > 0;
      if (known) {
        return true;
      }
      long recent = h.createQuery("SELECT count(DISTINCT pubkey) FROM treasury_deposit_signatures WHERE signed_at > :s")
          .bind("s", since).mapTo(Long.class).one();
      if (recent >= maxPerWindow) {
        return false;
      }
      h.createUpdate("INSERT INTO treasury_deposit_signatures (pubkey, signed_at) VALUES (:p, :t)")
          .bind("p", pubkeyHex).bind("t", Timestamp.from(now)).execute();
      return true;
    });
  }
}
