package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.chain.DepositEventLog;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.devnet.AnvilControl;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetOps;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;

/**
 * Benchmark, not a test (issue 8, docs/performance.md): the deposit watcher catching up over a long
 * block range against raw {@code eth_getLogs} over the same range from the same anvil node, in the
 * same range size the watcher uses. Target ({@code shared/docs/targets.md}): the watcher at least
 * 0.8x the raw rate.
 *
 * <p>Set-up (not timed): a devnet, {@code deposits} real deposits (vault, allowlist intent, 32 CTN
 * deposit each) spread with {@code anvil_mine} over about {@code blocks} blocks. Then, {@code runs}
 * times after one warm-up of each, each measurement {@link #PASSES} passes over the range: raw
 * eth_getLogs (event count checked), and a watcher catching up from the range's first block until
 * idle at the head (confirmations 0, so it reads exactly the same range; every deposit is someone
 * else's, as most are on a real chain) on one migrated database emptied before each pass. Prints each
 * run and the medians.
 *
 * <p>Run: {@code java -cp $CP org.centurion.seatmanager.watch.DepositCatchUpBenchmark [deposits] [blocks] [runs] [range]}.
 */
public final class DepositCatchUpBenchmark {
  /** Each measurement repeats the whole range this many times, so it lasts long enough to time. */
  static final int PASSES = 10;

  private DepositCatchUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int deposits = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long blocks = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long range = args.length > 3 ? Long.parseLong(args[3]) : WatchSettings.defaults().maxBlockRange();
    try (Devnet devnet = Devnet.start(DevnetConfig.forTests());
        ExecutionClient el = new ExecutionClient(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())), RpcSettings.defaults())) {
      // anvil_mine slows down as the chain grows (seconds per hundred blocks past a few thousand)
      HttpService service = new HttpService(devnet.rpcUrl(), new okhttp3.OkHttpClient.Builder()
          .readTimeout(java.time.Duration.ofMinutes(10)).callTimeout(java.time.Duration.ofMinutes(10)).build());
      long first = el.blockNumber().longValueExact() + 1;
      devnet.chain().credit(devnet.depositor().getAddress(), DevnetOps.DEPOSIT_WEI.multiply(BigInteger.valueOf(deposits + 10L)));
      String beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();
      long gap = Math.max(0, blocks / deposits - 3);
      long setup = System.nanoTime();
      for (int i = 0; i < deposits; i++) {
        DevnetValidatorKey key = DevnetValidatorKey.random();
        String vault = devnet.ops().deployVault(key.pubkey(), beneficiary);
        DevnetValidatorKey.DepositData d = key.depositData(DevnetOps.withdrawalCredentials(vault),
            DevnetValidatorKey.PHASE1_AMOUNT_GWEI, devnet.genesisForkVersion());
        devnet.ops().allow(d, devnet.depositor().getAddress());
        devnet.ops().deposit(devnet.depositor(), d);
        if (gap > 0) {
          new Request<>("anvil_mine", List.of("0x" + Long.toHexString(gap)), service, AnvilControl.ObjectResponse.class).send();
        }
      }
      long last = el.blockNumber().longValueExact();
      System.out.printf("set-up: %d deposits over blocks %d..%d (%d blocks) in %.1f s%n", deposits, first, last,
          last - first + 1, (System.nanoTime() - setup) / 1e9);

      List<Double> rawRates = new ArrayList<>();
      List<Double> watcherRates = new ArrayList<>();
      // one long-lived database, as a running watcher has: emptied (untimed) before each pass
      try (Database db = Database.open(TestDatabases.fresh(), "catch-up-bench", 4)) {
        new Migrations(db.dataSource()).migrate();
        raw(devnet.web3j(), devnet.addresses().depositContract(), first, last, range, deposits, PASSES);
        watcher(devnet, db, el, first, last, range, deposits, PASSES);
        for (int run = 1; run <= runs; run++) {
          double r = raw(devnet.web3j(), devnet.addresses().depositContract(), first, last, range, deposits, PASSES);
          double w = watcher(devnet, db, el, first, last, range, deposits, PASSES);
          rawRates.add(r);
          watcherRates.add(w);
          System.out.printf("run %d: raw eth_getLogs %.0f blocks/s, watcher %.0f blocks/s, ratio %.2f%n", run, r, w, w / r);
        }
      }
      double rawMedian = median(rawRates);
      double watcherMedian = median(watcherRates);
      long n = last - first + 1;
      System.out.printf("median of %d: raw %.0f blocks/s (%.0f events/s), watcher %.0f blocks/s (%.0f events/s), ratio %.2f"
              + " (target >= 0.80)%n", runs, rawMedian, rawMedian * deposits / n, watcherMedian, watcherMedian * deposits / n,
          watcherMedian / rawMedian);
    }
  }

  /** eth_getLogs of the deposit contract's DepositEvent topic over [first, last] in ranges of {@code range}: blocks per second. */
  static double raw(Web3j web3j, String contract, long first, long last, long range, int expected, int passes)
      throws Exception {
    long t0 = System.nanoTime();
    for (int pass = 0; pass < passes; pass++) {
      int seen = 0;
      for (long from = first; from <= last; from += range) {
        long to = Math.min(last, from + range - 1);
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), contract).addSingleTopic(DepositEventLog.TOPIC);
        seen += web3j.ethGetLogs(f).send().getLogs().size();
      }
      if (seen != expected) {
        throw new IllegalStateException("raw eth_getLogs saw " + seen + " events, expected " + expected);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return passes * (last - first + 1) / seconds;
  }

  /**
   * A watcher from {@code first} until it is idle at the head (the idle round included), {@code passes}
   * times on an emptied database: blocks per second of the timed passes.
   */
  static double watcher(Devnet devnet, Database db, ExecutionClient el, long first, long last, long range, int expected,
      int passes) {
    SeatStore store = new SeatStore();
    DepositWatcher w = new DepositWatcher(db.jdbi(), el, Optional.empty(),
        new DepositWatcherSettings(devnet.addresses().depositContract(), Set.of(devnet.addresses().treasuryRouter()), first,
            0, range, WatchSettings.defaults().reorgCheckDepth()),
        store, new SeatTransitions(store), new AlertService(db.jdbi(), Clock.systemUTC()),
        new WatcherCursors(db.jdbi(), Clock.systemUTC()), "bench:1", Clock.systemUTC());
    long timed = 0;
    for (int pass = 0; pass < passes; pass++) {
      db.jdbi().useHandle(h -> h.execute("TRUNCATE deposit_observations, el_processed_blocks, watcher_cursors, alerts"));
      long t0 = System.nanoTime();
      DepositWatcher.Round r;
      do {
        r = w.tick();
      } while (r.to() >= r.from());
      timed += System.nanoTime() - t0;
      long seen = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM deposit_observations").mapTo(Long.class).one());
      if (seen != expected || r.from() != last + 1) {
        throw new IllegalStateException("watcher recorded " + seen + " events up to block " + (r.from() - 1) + ", expected "
            + expected + " up to " + last);
      }
    }
    return passes * (last - first + 1) / (timed / 1e9);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }
}
