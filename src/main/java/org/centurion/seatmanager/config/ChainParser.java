package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.util.List;
import java.util.Optional;

/**
 * The chain: endpoints, agreement, contract addresses, confirmations and fee caps.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class ChainParser {
  private ChainParser() {}

  static Config.Chain chain(EnvReader r, boolean production, boolean writesEnabled) {
    return chain(r, production, writesEnabled, EndpointSeparation.DNS);
  }

  static Config.Chain chain(EnvReader r, boolean production, boolean writesEnabled, EndpointSeparation.Resolver resolver) {
    long chainId = r.positiveInt(CHAIN_ID, 286);
    List<org.centurion.seatmanager.config.NamedEndpoint> el = r.endpoints(EL_RPC_URLS);
    List<org.centurion.seatmanager.config.NamedEndpoint> cl = r.endpoints(CL_API_URLS);
    boolean allowPrivateHttp = r.bool(ALLOW_PRIVATE_HTTP_ENDPOINTS, false);
    List<String> separation = new java.util.ArrayList<>(EndpointSeparation.problems(EL_RPC_URLS, el, allowPrivateHttp, resolver));
    separation.addAll(EndpointSeparation.problems(CL_API_URLS, cl, allowPrivateHttp, resolver));
    // production refuses to start; development (devnets, one node behind two names) is told
    (production ? r.problems : r.warnings).addAll(separation);
    int minAgreeing = r.positiveInt(MIN_AGREEING_ENDPOINTS, production ? 2 : 1);
    if (production && minAgreeing < 2) {
      r.problems.add(MIN_AGREEING_ENDPOINTS + " must be at least 2 in production (1 is for development only)");
    }
    Optional<String> deposit = r.address(DEPOSIT_CONTRACT);
    Optional<String> factory = r.address(VAULT_FACTORY);
    Optional<String> router = r.address(ROUTER);
    Optional<String> principal = r.address(PRINCIPAL_DESTINATION);
    Optional<String> owner = r.address(OWNER_ADDRESS);
    if (writesEnabled) {
      if (el.isEmpty()) {
        r.problems.add(EL_RPC_URLS + " is required with writes enabled: label=http://node:8545[,label=…]");
      } else if (el.size() < minAgreeing) {
        r.problems.add(EL_RPC_URLS + " lists " + el.size() + " endpoint(s) but " + MIN_AGREEING_ENDPOINTS
            + " is " + minAgreeing + ": add endpoints on independent nodes");
      }
      for (var pair : List.of(List.of(DEPOSIT_CONTRACT, deposit), List.of(VAULT_FACTORY, factory),
          List.of(ROUTER, router), List.of(PRINCIPAL_DESTINATION, principal))) {
        if (((Optional<?>) pair.get(1)).isEmpty() && r.env.get((String) pair.get(0)).isEmpty()) {
          r.problems.add(pair.get(0) + " is required with writes enabled (a 0x… address; never taken from requests)");
        }
      }
    }
    int confirmations = r.positiveInt(CONFIRMATIONS, production ? 12 : 1);
    long maxFeeGwei = r.positiveInt(MAX_FEE_GWEI, 500);
    java.math.BigInteger maxExitFee = java.math.BigInteger.valueOf(r.positiveLong(MAX_EXIT_FEE_WEI, 10_000_000_000_000_000L));
    return new Config.Chain(chainId, el, cl, minAgreeing, deposit, factory, router, principal, owner,
        r.hash(DEPOSIT_CONTRACT_CODEHASH), r.hash(VAULT_CODEHASH), confirmations, maxFeeGwei, maxExitFee,
        r.bool(MULTIPLE_SEATS_PER_OPERATOR, false), r.positiveInt(MAX_DEPOSITS_PER_DAY, 10),
        r.env.get(VAULT_CREATION_CODE_FILE).map(java.nio.file.Path::of));
  }
}
