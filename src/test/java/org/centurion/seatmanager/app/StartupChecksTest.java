package org.centurion.seatmanager.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.devnet.Anvil;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The genesis-fork-version check at start: one beacon endpoint down does not keep {@code api} from
 * starting while enough others confirm the version (a warning names it); too few confirming, or
 * one answering another network's version, is fatal.
 */
class StartupChecksTest {
  static final String FORK = "0x10000910";
  static HttpServer right;
  static HttpServer wrong;

  @BeforeAll
  static void start() throws Exception {
    right = genesis(FORK);
    wrong = genesis("0x00000001");
  }

  @AfterAll
  static void stop() {
    right.stop(0);
    wrong.stop(0);
  }

  /** A beacon node's {@code /eth/v1/beacon/genesis} in the spec's shape. */
  private static HttpServer genesis(String fork) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/eth/v1/beacon/genesis", ex -> {
      byte[] body = ("{\"data\":{\"genesis_time\":\"1606824023\",\"genesis_validators_root\":\"0x" + "00".repeat(32)
          + "\",\"genesis_fork_version\":\"" + fork + "\"}}").getBytes();
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    return s;
  }

  private static String url(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  /** The process's components over this configuration: the start-up checks ask their beacon clients (no database is opened). */
  private static Components config(String clUrls, int minAgreeing) {
    Map<String, String> env = new HashMap<>();
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db");
    env.put("SEAT_MANAGER_GENESIS_FORK_VERSION", FORK);
    env.put("SEAT_MANAGER_CL_API_URLS", clUrls);
    env.put("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS", Integer.toString(minAgreeing));
    Config config = ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
    return Components.open(config, Components.Pool.CLI, java.time.Clock.systemUTC());
  }

  @Test
  void oneEndpointDownStartsWithAWarningWhileEnoughOthersConfirmTheVersion() throws Exception {
    String down = "http://127.0.0.1:" + Anvil.freePort();
    List<String> warnings = StartupChecks.genesisForkVersion(config("cl1=" + url(right) + ",cl2=" + down, 1));
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("'cl2'").doesNotContain("'cl1'"));

    assertThatThrownBy(() -> StartupChecks.genesisForkVersion(config("cl1=" + url(right) + ",cl2=" + down, 2)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("1 beacon endpoint(s) confirmed")
        .hasMessageContaining("2 needed").hasMessageContaining("'cl2'");
    String sameNodeOtherName = "http://localhost:" + right.getAddress().getPort();
    assertThat(StartupChecks.genesisForkVersion(config("cl1=" + url(right) + ",cl2=" + sameNodeOtherName, 2))).isEmpty();
  }

  @Test
  void anEndpointOnAnotherNetworkIsFatalEvenWhenOthersConfirm() {
    assertThatThrownBy(() -> StartupChecks.genesisForkVersion(config("cl1=" + url(right) + ",cl2=" + url(wrong), 1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'cl2' reports genesis fork version 0x00000001")
        .hasMessageContaining("another network");
  }
}
