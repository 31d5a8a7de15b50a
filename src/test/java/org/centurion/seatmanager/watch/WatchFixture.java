package org.centurion.seatmanager.watch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetOps;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.DevnetValidatorKey.DepositData;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.store.Database;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Seats on a devnet for the watcher tests: a real vault, real deposit data, a seat row in a given state. */
final class WatchFixture {
  private WatchFixture() {}

  record TestSeat(long id, DevnetValidatorKey key, DepositData data, String vault) {
    String pubkey() {
      return Numeric.toHexString(key.pubkey());
    }
  }

  /** The cross-checked reads over {@code endpoints} at the devnet's chain id, all of them required to agree. */
  static EndpointCrossCheck reads(Devnet devnet,
      ExecutionClient... endpoints) {
    return new EndpointCrossCheck(List.of(endpoints),
        new EndpointCrossCheck.Policy(devnet.chainId(),
            endpoints.length, ChainClients.MAX_HEAD_LAG, Duration.ofSeconds(5)));
  }

  static TestSeat seat(Devnet devnet, Database db, SeatState state, Credentials beneficiary) {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String vault = devnet.ops().deployVault(key.pubkey(), beneficiary.getAddress()).toLowerCase();
    DepositData d = key.depositData(DevnetOps.withdrawalCredentials(vault), DevnetValidatorKey.PHASE1_AMOUNT_GWEI,
        devnet.genesisForkVersion());
    long id = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address,"
            + " withdrawal_credentials, state) VALUES (:op, :b, :pk, :v, :wc, :s) RETURNING id")
        .bind("op", "op-" + System.nanoTime()).bind("b", beneficiary.getAddress().toLowerCase())
        .bind("pk", Numeric.toHexString(key.pubkey())).bind("v", vault)
        .bind("wc", Numeric.toHexString(d.withdrawalCredentials())).bind("s", state.name())
        .mapTo(Long.class).one());
    return new TestSeat(id, key, d, vault);
  }

  static SeatState state(Database db, long seatId) {
    return db.jdbi().withHandle(h -> SeatState.valueOf(h.createQuery("SELECT state FROM seats WHERE id = :id")
        .bind("id", seatId).mapTo(String.class).one()));
  }

  static Clock clock() {
    return Clock.systemUTC();
  }
}
