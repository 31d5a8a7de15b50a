package org.centurion.seatmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * Endpoints a cross-check can trust (issue 14): plain http only to loopback (or a private address
 * with the explicit opt-in), and no two labels for one node, names resolved at start.
 */
class EndpointSeparationTest {
  private static List<String> problems(String spec, boolean allowPrivate) {
    return EndpointSeparation.problems("SEAT_MANAGER_EL_RPC_URLS", NamedEndpoints.parse(spec), allowPrivate, EndpointSeparation.DNS);
  }

  @Test
  void plainHttpIsForLoopbackOnlyUnlessPrivateAddressesAreAllowedExplicitly() {
    assertThat(problems("a=http://127.0.0.1:8545,b=http://127.0.0.2:8545", false)).isEmpty();
    assertThat(problems("a=http://[::1]:8545", false)).isEmpty();
    assertThat(problems("a=https://8.8.8.8/KEY123", false)).isEmpty();

    assertThat(problems("a=http://8.8.8.8:8545/KEY123", false)).singleElement().satisfies(p ->
        assertThat(p).contains("'a'", "plain http", "use https").doesNotContain("KEY123"));
    assertThat(problems("a=http://8.8.8.8:8545", true)).as("the opt-in is for private addresses only").hasSize(1);

    for (String privateHost : List.of("10.1.2.3", "172.16.0.9", "192.168.1.20", "169.254.1.1", "[fd00::5]")) {
      assertThat(problems("a=http://" + privateHost + ":8545", false)).as(privateHost).singleElement()
          .satisfies(p -> assertThat(p).contains(ConfigLoader.ALLOW_PRIVATE_HTTP_ENDPOINTS + "=true"));
      assertThat(problems("a=http://" + privateHost + ":8545", true)).as(privateHost).isEmpty();
    }
  }

  @Test
  void twoLabelsThatReachOneNodeAreRefused() {
    assertThat(problems("a=http://127.0.0.1:8545,b=http://localhost:8545", false)).singleElement().satisfies(p ->
        assertThat(p).contains("'a'", "'b'", "127.0.0.1:8545", "independent nodes"));
    assertThat(problems("a=https://10.0.0.1/k1,b=https://10.0.0.1:443/k2", false)).as("the default port counts").hasSize(1);
    assertThat(problems("a=http://127.0.0.1:8545,b=http://127.0.0.1:8546", false)).as("another port is another node").isEmpty();
  }

  @Test
  void namesAreResolvedAtStartAndTwoNamesForOneAddressAreRefused() {
    Map<String, String> dns = Map.of("rpc-a.example", "203.0.113.7", "rpc-b.example", "203.0.113.7", "rpc-c.example", "203.0.113.8");
    EndpointSeparation.Resolver resolver = host -> {
      String ip = dns.get(host);
      if (ip == null) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(ip)};
    };
    assertThat(EndpointSeparation.problems("SEAT_MANAGER_EL_RPC_URLS",
        NamedEndpoints.parse("a=https://rpc-a.example/KEY1,b=https://rpc-b.example/KEY2"), false, resolver))
        .singleElement().satisfies(p -> assertThat(p).contains("203.0.113.7:443").doesNotContain("KEY1", "KEY2"));
    assertThat(EndpointSeparation.problems("SEAT_MANAGER_EL_RPC_URLS",
        NamedEndpoints.parse("a=https://rpc-a.example,c=https://rpc-c.example"), false, resolver)).isEmpty();
    assertThat(EndpointSeparation.problems("SEAT_MANAGER_EL_RPC_URLS",
        NamedEndpoints.parse("a=https://rpc-a.example,x=https://nowhere.example"), false, resolver))
        .singleElement().satisfies(p -> assertThat(p).contains("'x'", "does not resolve"));
  }

  private static Map<String, String> production() {
    Map<String, String> m = new HashMap<>();
    m.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    m.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    // production's keys of their own (issues 13 and 14)
    m.put("SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", TestSecrets.hex32());
    m.put("SEAT_MANAGER_MFA_KEY", TestSecrets.hex32());
    m.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", TestSecrets.hex32());
    m.put("DATABASE_URL", "postgres://sm:pw@127.0.0.1:5432/seats");
    return m;
  }

  @Test
  void productionRefusesToStartAndDevelopmentWarns() {
    Map<String, String> env = production();
    env.put("SEAT_MANAGER_EL_RPC_URLS", "a=http://127.0.0.1:8545,b=http://localhost:8545");
    env.put("SEAT_MANAGER_CL_API_URLS", "c=http://192.168.7.7:5052,d=http://127.0.0.1:5052");
    assertThatThrownBy(() -> ConfigLoader.load(new Environment(env), "127.0.0.1", 8080)).isInstanceOfSatisfying(
        ConfigException.class, e -> assertThat(e.getMessage()).contains("SEAT_MANAGER_EL_RPC_URLS: endpoints 'a' and 'b'",
            "SEAT_MANAGER_CL_API_URLS: endpoint 'c' is plain http"));

    env.put(ConfigLoader.ALLOW_PRIVATE_HTTP_ENDPOINTS, "true");
    env.put("SEAT_MANAGER_EL_RPC_URLS", "a=http://127.0.0.1:8545,b=http://127.0.0.2:8545");
    assertThat(ConfigLoader.load(new Environment(env), "127.0.0.1", 8080).chain().beaconEndpoints()).hasSize(2);

    env.put("SEAT_MANAGER_ENV", "development");
    env.put("SEAT_MANAGER_EL_RPC_URLS", "a=http://127.0.0.1:8545,b=http://localhost:8545");
    assertThat(ConfigLoader.load(new Environment(env), "127.0.0.1", 8080).warnings())
        .anySatisfy(w -> assertThat(w).contains("endpoints 'a' and 'b'"));
  }
}
