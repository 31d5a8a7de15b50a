package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.app.DemoChainClock;
import org.centurion.seatmanager.app.DemoSeatFiles;
import org.centurion.seatmanager.app.WatchRuntime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.alerts.PeriodicTask;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetEnvFile;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.watch.WatchSettings;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: everything on one machine with nothing installed: an embedded PostgreSQL, the
 * devnet (anvil + reference contracts + two simulated beacon endpoints), ephemeral secrets, writes
 * enabled with the devnet's public treasury test key, an ADMIN user whose generated password is
 * printed once, and {@code api-watch} on 127.0.0.1. Ctrl-C stops all of it. Never for real money:
 * every key here is a published test key.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole system locally on a devnet (embedded PostgreSQL, anvil, beacon simulator, api-watch).")
public final class DemoCommand implements Callable<Integer> {
  /** Fast devnet time: 1 s slots, 4-slot epochs, short exit and withdrawal delays (a lifecycle in minutes). */
  static final BeaconSpec DEMO_SPEC = new BeaconSpec(1, 4, 8, 4, 2, 2, 1_000_000L, 32,
      DevnetConfig.DEVNET_GENESIS_FORK_VERSION, 286, null);

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "API port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65_535) {
      err.println("demo: --port must be 0..65535");
      return 2;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Devnet devnet = Devnet.start(new DevnetConfig(286, 0, List.of(0, 0), true, BigInteger.TEN.pow(21), DEMO_SPEC))) {
      handAllowlistAdminToRouter(devnet);
      // two roles, as in production: the embedded server's superuser owns and migrates, the demo's
      // processes connect as the runtime role, which can add audit rows but never rewrite them
      String runtimePassword = randomHex();
      createRuntimeRole(pg.getPostgresDatabase(), runtimePassword);
      new Migrations(pg.getPostgresDatabase(), Optional.of(DEMO_RUNTIME_ROLE)).migrate();
      Config config = ConfigLoader.load(new Environment(environment(devnet, pg.getPort(), runtimePassword)), "127.0.0.1", port);
      DemoChainClock chainClock = new DemoChainClock();
      // the API's components on the wall clock, the watchers' on the devnet's chain clock
      try (Components apiSide = Components.open(config, Components.Pool.API, Clock.systemUTC());
          Components watchSide = Components.open(config, Components.Pool.WATCH, chainClock)) {
        UserService.Created admin = apiSide.security().users().create("admin", Role.ADMIN, Optional.empty());
        Path files = DemoSeatFiles.write(Files.createTempDirectory("seat-manager-demo"), devnet);
        filesToDelete = files;
        // anvil mines only on transactions: a block a second gives confirmations a chain to count on
        try (PeriodicTask blocks = PeriodicTask.start("demo-blocks", Duration.ofSeconds(1), () -> {
              devnet.chain().mine();
              chainClock.observe(devnet.chain().latestTimestamp());
            });
            Application app = Application.start(apiSide);
            WatchRuntime watch = WatchRuntime.start(watchSide,
                WatchSettings.defaults().withCadences(Duration.ofSeconds(1), Duration.ofSeconds(2)))) {
          printWalkthrough(out, app.port(), admin, devnet.rpcUrl(), files);
          stop.await();
          out.println("demo: stopping");
          out.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      err.println("demo: could not start: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      deleteQuietly(filesToDelete);
      closed.countDown();
    }
    out.println("demo: stopped");
    out.flush();
    return 0;
  }

  private Path filesToDelete;

  /** The demo's files are ephemeral like everything else in it. */
  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans it eventually
    }
  }

  /** The treasury approves deposits through its router, so the router must be the allowlist admin. */
  static void handAllowlistAdminToRouter(Devnet devnet) {
    String router = devnet.addresses().treasuryRouter();
    devnet.transactor().send(devnet.allowlistAdmin(), devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, AbiCall.address(router)));
    devnet.ops().viaRouter(devnet.addresses().depositContract(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_ALLOWLIST_ADMIN));
  }

  /** The demo's runtime database role (created in the demo's own embedded PostgreSQL). */
  static final String DEMO_RUNTIME_ROLE = "seat_manager_app";

  private static void createRuntimeRole(javax.sql.DataSource owner, String password) {
    try (java.sql.Connection c = owner.getConnection(); java.sql.Statement st = c.createStatement()) {
      // the password is random hex, the role a constant: nothing here comes from outside
      st.execute(String.format(java.util.Locale.ROOT, "CREATE ROLE %s LOGIN PASSWORD '%s'", DEMO_RUNTIME_ROLE, password));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create the demo's runtime role: " + e.getMessage(), e);
    }
  }

  static Map<String, String> environment(Devnet devnet, int pgPort, String runtimePassword) {
    Map<String, String> env = new HashMap<>();
    DevnetEnvFile.entries(devnet).forEach((k, v) -> {
      if (k.startsWith("SEAT_MANAGER_")) {
        env.put(k, v);
      }
    });
    // two names for the one anvil: the endpoint cross-check needs two distinct URLs to agree
    env.put("SEAT_MANAGER_EL_RPC_URLS", "devnet=" + devnet.rpcUrl() + ",devnet-b=" + devnet.rpcUrl().replace("127.0.0.1", "localhost"));
    env.put("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS", "2");
    env.put("SEAT_MANAGER_CONFIRMATIONS", "2");
    env.put("DATABASE_URL", "postgres://" + DEMO_RUNTIME_ROLE + ":" + runtimePassword + "@127.0.0.1:" + pgPort + "/postgres");
    env.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", randomHex());
    env.put("SESSION_HMAC_SECRET", randomHex());
    env.put("STEP_UP_HMAC_SECRET", randomHex());
    env.put(ConfigLoader.STAKER_KEY_HMAC_SECRET, randomHex());
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY",
        Numeric.toHexStringNoPrefixZeroPadded(devnet.treasurySigner().getEcKeyPair().getPrivateKey(), 64));
    // Browsers keep a __Host- cookie only when it is Secure, and treat http://127.0.0.1 as a secure
    // context: without this the console's sign-in cookie is dropped and the console cannot be used.
    env.put("SEAT_MANAGER_SECURE_COOKIES", "true");
    return env;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static String randomHex() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void printWalkthrough(PrintWriter out, int port, UserService.Created admin, String rpc, Path files) {
    String base = "http://127.0.0.1:" + port;
    out.println();
    out.println("seat-manager demo is running on a local devnet (chain 286, published test keys only).");
    out.println("  API:       " + base + "   (try " + base + "/health)");
    out.println("  console:   " + base + "/console   (sign in as admin; the temporary password must be changed first)");
    out.println("  user:      admin");
    out.println("  password:  " + admin.generatedPassword().orElseThrow() + "   (temporary; shown once)");
    out.println("  devnet:    " + rpc + "   (anvil; test keys only)");
    out.println("  processes: DEMO ONLY: API, watchers and executor run in this one process, so the HTTP process holds");
    out.println("             signing power (production: api, watch and the signer are separate processes and users);");
    out.println("             managed keys (POST /v1/seats/generate) need the key process and are off here");
    out.println("  files:     " + files + "   (an operator's deposit-cli file for the walkthrough's seat)");
    out.println();
    out.println("Walkthrough: scripts/demo-walkthrough.sh " + base + " '<password>' " + rpc + " " + files);
    out.println("  1. POST /v1/auth/login {username, password}; then POST /v1/users/<id>/password to replace the temporary one");
    out.println("  2. POST /v1/seats/with-vault {operatorId, beneficiary, pubkey}");
    out.println("  3. POST /v1/seats/<id>/deposit-data (deposit-cli JSON), POST /v1/seats/<id>/approve");
    out.println("  4. POST /v1/auth/step-up, POST /v1/seats/<id>/deposit; the watchers take it to ACTIVE");
    out.println("  5. POST /v1/seats/<id>/force-exit, then POST /v1/seats/<id>/settle once EXITED");
    out.println("  GET /v1/dashboard/health and /v1/dashboard/alerts show what the on-call operator sees.");
    out.println("Ctrl-C stops everything.");
    out.flush();
  }
}
