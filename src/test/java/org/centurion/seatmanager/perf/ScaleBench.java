package org.centurion.seatmanager.perf;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestDatabases;

/**
 * Issue 18's scale benchmark, one command ({@code scripts/scale-bench.sh}): a migrated database
 * (DATABASE_URL, or a fresh one on the tests' embedded PostgreSQL) loaded with {@link ScaleFixture},
 * EXPLAIN (ANALYZE) of the queries behind each list route, then the real API on that database under
 * closed-loop load from this JVM (a session bearer, a page of 100), and one audit chain verification.
 * Not a test: nothing here runs in the suite. Prints a report; figures depend on the machine's load.
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    System.out.println("load average at start: " + loadAverage());
    String external = System.getenv("DATABASE_URL");
    DatabaseUrl url = external == null || external.isBlank() ? TestDatabases.fresh() : DatabaseUrl.parse(external);
    try (Database d = Database.open(url, "scale-migrate", 2)) {
      new Migrations(d.dataSource()).migrate();
    }
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null))) {
      if (count(c, "SELECT count(*) FROM audit_log") == 0) {
        long t = System.nanoTime();
        ScaleFixture.load(c, ScaleFixture.Sizes.ISSUE_18);
        System.out.printf(Locale.ROOT, "fixture loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);
      } else {
        System.out.println("fixture already present: not reloading");
      }
      if (!"false".equals(System.getenv("SCALE_EXPLAIN"))) {
        ScaleExplain.run(c);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", TestDatabases.asPostgresUrl(url));
    // the fixture's rows are keyed: the API verifies them under the same key
    env.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", org.centurion.seatmanager.audit.ScaleAuditRows.KEY_HEX);
    try (TestApi api = TestApi.startOnExisting(env); SecurityFixture f = new SecurityFixture(api, Clock.systemUTC())) {
      NewSession s = f.session(f.user(Role.ADMIN));
      String token = s.token();
      System.out.println("load average before HTTP: " + loadAverage());
      System.out.printf(Locale.ROOT, "%-62s %8s %8s %8s %8s %6s%n", "route (" + clients + " clients, " + seconds + " s)",
          "req/s", "p50 ms", "p99 ms", "max ms", "non2xx");
      for (String path : routes()) {
        measure(api, token, path, seconds, clients, false);
      }
      measure(api, token, "/console/seats?after=90000", seconds, clients, true);
      measure(api, token, "/console/audit", seconds, clients, true);
      measure(api, token, "/console/audit?cursor=5000", seconds, clients, true);
      measure(api, token, "/console/dashboard", seconds, clients, true);
      System.out.println("load average after HTTP: " + loadAverage());
      verify(api, token);
    }
  }

  /** Each list route with a page of 100, filters on every indexed column, audit pages deep in history. */
  static List<String> routes() {
    return List.of("/v1/seats?limit=100", "/v1/seats?limit=100&after=99000", "/v1/seats?state=SETTLED&limit=100",
        "/v1/seats?state=EXCEPTION&limit=100&after=90000", "/v1/seats?operator=op-17&limit=100",
        "/v1/seats?beneficiary=" + ScaleFixture.beneficiaryOf(4242) + "&limit=100",
        "/v1/seats?pubkey=" + ScaleFixture.pubkeyOf(77_777) + "&limit=100",
        "/v1/seats?vault=" + ScaleFixture.vaultOf(55_555) + "&limit=100", "/v1/seats/4242", "/v1/seats/4242/operations",
        "/v1/audit-logs?limit=100", "/v1/audit-logs?limit=100&cursor=1000", "/v1/audit-logs?limit=100&cursor=500000",
        "/v1/audit-logs?limit=100&actor=user:7&cursor=5000", "/v1/audit-logs?limit=100&action=POST%20/v1/seats",
        "/v1/audit-logs?limit=100&result=DENIED&cursor=100000", "/v1/audit-logs?limit=100&target=seat:4242",
        "/v1/dashboard/alerts?limit=100", "/v1/dashboard/alerts?limit=100&state=open",
        "/v1/dashboard/alerts?limit=100&kind=REORG&cursor=5000", "/v1/dashboard/alerts?limit=100&seat=4242",
        "/v1/dashboard/health");
  }

  private static void measure(TestApi api, String token, String path, int seconds, int clients, boolean console)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest.Builder b = api.request(path).header("Authorization", "Bearer " + token);
    if (console) {
      b.header("Cookie", org.centurion.seatmanager.web.auth.SessionCookie.NAME + "=" + token);
    }
    HttpRequest req = b.GET().build();
    runFor(http, req, Math.max(1, seconds / 5), clients, new ArrayList<>()); // warm-up, discarded
    List<long[]> perThread = new ArrayList<>();
    long[] bad = new long[1];
    long elapsed = runFor(http, req, seconds, clients, perThread, bad);
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
    if (all.length == 0) {
      System.out.printf(Locale.ROOT, "%-62s no completed request%n", path);
      return;
    }
    System.out.printf(Locale.ROOT, "%-62s %8.0f %8.1f %8.1f %8.1f %6d%n", path.length() > 62 ? path.substring(0, 62) : path,
        all.length / (elapsed / 1e9), all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
        all[all.length - 1] / 1e6, bad[0]);
  }

  private static long runFor(HttpClient http, HttpRequest req, int seconds, int clients, List<long[]> out)
      throws InterruptedException {
    return runFor(http, req, seconds, clients, out, new long[1]);
  }

  /** Closed loop: each client sends the next request when the last answered; latencies in ns. */
  private static long runFor(HttpClient http, HttpRequest req, int seconds, int clients, List<long[]> out, long[] bad)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    long[][] lat = new long[clients][];
    long[] badPer = new long[clients];
    for (int i = 0; i < clients; i++) {
      int me = i;
      threads.add(Thread.ofPlatform().start(() -> lat[me] = loop(http, req, stop, badPer, me)));
    }
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    long elapsed = System.nanoTime() - start;
    out.addAll(Arrays.asList(lat));
    bad[0] = Arrays.stream(badPer).sum();
    return elapsed;
  }

  private static long[] loop(HttpClient http, HttpRequest req, AtomicBoolean stop, long[] bad, int me) {
    long[] lat = new long[1 << 16];
    int n = 0;
    while (!stop.get()) {
      long t = System.nanoTime();
      try {
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
          bad[me]++;
        }
      } catch (Exception e) {
        bad[me]++;
        continue;
      }
      if (n == lat.length) {
        lat = Arrays.copyOf(lat, n * 2);
      }
      lat[n++] = System.nanoTime() - t;
    }
    return Arrays.copyOf(lat, n);
  }

  private static void verify(TestApi api, String token) throws Exception {
    var mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = mem.getHeapMemoryUsage().getUsed();
    long t = System.nanoTime();
    HttpResponse<String> r = api.send(api.request("/v1/audit-logs/verify").timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + token).GET().build());
    double s = (System.nanoTime() - t) / 1e9;
    long peakPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(Locale.ROOT, "GET /v1/audit-logs/verify: %d in %.1f s; heap used before %d MB, max heap %d MB,"
        + " sum of heap pools' peaks %d MB, process VmHWM %s; body %s%n", r.statusCode(), s, before >> 20,
        mem.getHeapMemoryUsage().getMax() >> 20, peakPools >> 20, vmHwm(),
        r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String vmHwm() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
        .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
  }

  static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
