package org.centurion.seatmanager.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Endpoints a cross-check can trust to be separate and private (issue 14). An agreement between
 * two labels for one node proves nothing, and plain http across a network lets anyone on the path
 * answer for the node:
 *
 * <ul>
 *   <li>plain {@code http://} only to a loopback address, or to a private one (10/8, 172.16/12,
 *       192.168/16, fc00::/7, link-local) with {@code SEAT_MANAGER_ALLOW_PRIVATE_HTTP_ENDPOINTS=true};
 *       anything else must be {@code https://};
 *   <li>no two labels (execution and beacon endpoints each among themselves) that resolve to a
 *       common IP address and port. Names are resolved once, at start; a name that does not resolve
 *       cannot be shown separate and is refused too.
 * </ul>
 *
 * Production refuses to start on a violation; development warns. Messages name labels, hosts and
 * ports, never a URL's path or query (which may carry a provider key).
 */
final class EndpointSeparation {
  /** Resolves a host name to its addresses; the JDK's resolver in production. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static final Resolver DNS = InetAddress::getAllByName;

  private EndpointSeparation() {}

  /**
   * @param variable the variable the endpoints came from, for the messages
   * @return one message per violation; empty when the endpoints are separate and private
   */
  static List<String> problems(String variable, List<NamedEndpoint> endpoints, boolean allowPrivateHttp, Resolver resolver) {
    List<String> out = new ArrayList<>();
    Map<String, String> owner = new HashMap<>();
    for (NamedEndpoint e : endpoints) {
      String host = e.url().getHost();
      String scheme = e.url().getScheme().toLowerCase(Locale.ROOT);
      int port = e.url().getPort() != -1 ? e.url().getPort() : scheme.equals("https") ? 443 : 80;
      InetAddress[] addresses;
      try {
        addresses = resolver.resolve(host);
      } catch (UnknownHostException ex) {
        out.add(variable + ": endpoint '" + e.label() + "' host " + host + " does not resolve; it cannot be shown to be a separate node");
        continue;
      }
      if (scheme.equals("http")) {
        plainHttpProblem(variable, e.label(), host, addresses, allowPrivateHttp).ifPresent(out::add);
      }
      Set<String> seen = new LinkedHashSet<>();
      for (InetAddress a : addresses) {
        String key = a.getHostAddress() + ":" + port;
        if (!seen.add(key)) {
          continue;
        }
        String other = owner.putIfAbsent(key, e.label());
        if (other != null && !other.equals(e.label())) {
          out.add(variable + ": endpoints '" + other + "' and '" + e.label() + "' both reach " + key
              + ": agreement between two names for one node proves nothing; use independent nodes");
        }
      }
    }
    return out;
  }

  private static java.util.Optional<String> plainHttpProblem(String variable, String label, String host, InetAddress[] addresses,
      boolean allowPrivateHttp) {
    boolean allLoopback = addresses.length > 0;
    boolean allPrivate = addresses.length > 0;
    for (InetAddress a : addresses) {
      allLoopback &= a.isLoopbackAddress();
      allPrivate &= a.isLoopbackAddress() || isPrivate(a);
    }
    if (allLoopback) {
      return java.util.Optional.empty();
    }
    if (allPrivate && allowPrivateHttp) {
      return java.util.Optional.empty();
    }
    if (allPrivate) {
      return java.util.Optional.of(variable + ": endpoint '" + label + "' is plain http to the private address of " + host
          + ": use https, or set " + ConfigLoader.ALLOW_PRIVATE_HTTP_ENDPOINTS + "=true if the network to it is trusted");
    }
    return java.util.Optional.of(variable + ": endpoint '" + label + "' is plain http to " + host
        + ", which is not loopback or private: use https");
  }

  /** RFC 1918 and link-local IPv4, unique-local and link-local IPv6. */
  static boolean isPrivate(InetAddress a) {
    if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }
}
