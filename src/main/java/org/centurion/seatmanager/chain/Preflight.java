package org.centurion.seatmanager.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.centurion.seatmanager.config.Config;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Checks, read-only, that the chain we are pointed at is the one we mean before anything is signed:
 * chain id on every endpoint, code at every configured contract, the deposit contract's code hash
 * and owner, the router's active signer, and endpoint agreement. {@code api} and {@code watch} run it
 * at start when writes are enabled; {@code seat-manager preflight} prints it.
 */
public final class Preflight {
  public enum Result { PASS, FAIL, SKIP }

  public record Check(String name, Result result, String detail) {}

  public record Report(List<Check> checks) {
    public Report {
      checks = List.copyOf(checks);
    }

    public boolean passed() {
      return checks.stream().noneMatch(c -> c.result() == Result.FAIL);
    }

    public List<Check> failures() {
      return checks.stream().filter(c -> c.result() == Result.FAIL).toList();
    }

    /**
     * For {@code api} and {@code watch} at start with writes enabled: refuses to run, the same way a
     * bad configuration does, naming every failed check.
     *
     * @throws org.centurion.seatmanager.config.ConfigException listing each failed check
     */
    public void requirePassed() {
      if (!passed()) {
        throw new org.centurion.seatmanager.config.ConfigException(failures().stream()
            .map(c -> "preflight check '" + c.name() + "' failed: " + c.detail()).toList());
      }
    }

    /** A fixed-width table, one check per line. */
    public String table() {
      int width = Math.max(5, checks.stream().mapToInt(c -> c.name().length()).max().orElse(5));
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("%-" + width + "s  %-6s %s%n", "CHECK", "RESULT", "DETAIL"));
      for (Check c : checks) {
        sb.append(String.format("%-" + width + "s  %-6s %s%n", c.name(), c.result(), c.detail()));
      }
      long failed = checks.stream().filter(c -> c.result() == Result.FAIL).count();
      sb.append(failed == 0 ? "preflight passed" : "preflight FAILED: " + failed + " check(s)").append(System.lineSeparator());
      return sb.toString();
    }
  }

  private final Config.Chain chain;
  private final ChainClients clients;
  private final Optional<String> signerAddress;

  /** @param signerAddress our treasury signer's address; empty when writes are disabled */
  public Preflight(Config.Chain chain, ChainClients clients, Optional<String> signerAddress) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.signerAddress = signerAddress.map(a -> a.toLowerCase(Locale.ROOT));
  }

  public Report run() {
    List<Check> checks = new ArrayList<>();
    for (ExecutionClient c : clients.all()) {
      checks.add(check("chain id @" + c.label(), () -> {
        long id = c.chainId();
        return id == chain.chainId() ? pass("chain id " + id) : fail("chain id " + id + ", expected " + chain.chainId());
      }));
    }
    checks.add(code("code at deposit contract", chain.depositContract()));
    checks.add(code("code at vault factory", chain.vaultFactory()));
    checks.add(code("code at router", chain.router()));
    checks.add(codeHash());
    checks.add(owner());
    checks.add(activeSigner());
    checks.add(check("endpoints agree", this::agreement));
    return new Report(checks);
  }

  /**
   * The cross-check over every endpoint, per read the service decides on: chain heads, the
   * deposit contract's code and owner, and the router's signer with our nonce. Each line names the
   * endpoint labels that agreed and where; the row fails when any read is refused.
   */
  private Verdict agreement() {
    EndpointCrossCheck check = clients.crossCheck();
    List<String> lines = new ArrayList<>();
    boolean failed = false;
    List<Read> reads = new ArrayList<>();
    reads.add(new Read("chain head", (c, b) -> "in sync"));
    chain.depositContract().ifPresent(d -> reads.add(new Read("deposit contract code and owner", (c, b) -> {
      org.web3j.protocol.core.DefaultBlockParameter at = org.web3j.protocol.core.DefaultBlockParameter.valueOf(b);
      String code = c.code(d, at);
      return List.of(Hash.sha3(hasCode(code) ? code : "0x").toLowerCase(Locale.ROOT), ownerOrNone(c, d, at));
    })));
    if (chain.router().isPresent() && signerAddress.isPresent()) {
      String router = chain.router().get();
      reads.add(new Read("router signer and sender nonce", (c, b) -> {
        org.web3j.protocol.core.DefaultBlockParameter at = org.web3j.protocol.core.DefaultBlockParameter.valueOf(b);
        return List.of(c.call(null, router, encode("activeSigner"), at).toLowerCase(Locale.ROOT),
            c.transactionCount(signerAddress.get(), at));
      }));
    }
    int agreeingHeads = 0;
    for (Read read : reads) {
      try {
        EndpointCrossCheck.Result<Object> r = check.agree(read.name(), read.read());
        if (read.name().equals("chain head")) {
          agreeingHeads = r.agreeing().size();
        }
        String degraded = r.degraded().isEmpty() ? ""
            : "; degraded: " + r.degraded().stream().map(Object::toString).collect(Collectors.joining("; "));
        lines.add(read.name() + ": agreed by " + String.join(", ", r.agreeing()) + " at block " + r.blockNumber() + degraded);
      } catch (ChainException e) {
        failed = true;
        lines.add(read.name() + ": REFUSED " + e.code() + ": " + e.getMessage());
      }
    }
    String detail = (failed ? "" : agreeingHeads + " of " + clients.all().size() + " endpoint(s) agree; ") + String.join(" | ", lines);
    return failed ? fail(detail) : pass(detail);
  }

  private record Read(String name, EndpointCrossCheck.EndpointRead<Object> read) {}

  /**
   * What owner() answers, raw: the agreement row compares what endpoints say, the owner() row judges
   * it; a contract without owner() (or no code at all) answers the same on every honest endpoint.
   */
  private static String ownerOrNone(ExecutionClient c, String contract, org.web3j.protocol.core.DefaultBlockParameter at) {
    try {
      String answer = c.call(null, contract, encode("owner"), at);
      return answer == null ? "none" : answer.toLowerCase(Locale.ROOT);
    } catch (ContractRevertedException e) {
      return "reverted";
    }
  }

  private ExecutionClient primary() {
    return clients.primary();
  }

  private Check code(String name, Optional<String> address) {
    if (address.isEmpty()) {
      return new Check(name, Result.SKIP, "not configured");
    }
    return check(name + " " + address.get(), () -> {
      String code = primary().code(address.get(), DefaultBlockParameterName.LATEST);
      return hasCode(code) ? pass((code.length() - 2) / 2 + " bytes of code") : fail("no code at " + address.get());
    });
  }

  private Check codeHash() {
    String name = "deposit contract code hash";
    if (chain.depositContractCodeHash().isEmpty()) {
      return new Check(name, Result.SKIP, "SEAT_MANAGER_DEPOSIT_CONTRACT_CODEHASH not set");
    }
    if (chain.depositContract().isEmpty()) {
      return new Check(name, Result.FAIL, "code hash configured but no deposit contract address");
    }
    return check(name, () -> {
      String code = primary().code(chain.depositContract().get(), DefaultBlockParameterName.LATEST);
      String actual = Hash.sha3(hasCode(code) ? code : "0x").toLowerCase(Locale.ROOT);
      String expected = chain.depositContractCodeHash().get().toLowerCase(Locale.ROOT);
      expected = expected.startsWith("0x") ? expected : "0x" + expected;
      return actual.equals(expected) ? pass(actual) : fail("runtime code hash " + actual + ", expected " + expected);
    });
  }

  private Check owner() {
    String name = "deposit contract owner()";
    if (chain.ownerAddress().isEmpty()) {
      return new Check(name, Result.SKIP, "SEAT_MANAGER_OWNER_ADDRESS not set");
    }
    if (chain.depositContract().isEmpty()) {
      return new Check(name, Result.FAIL, "owner configured but no deposit contract address");
    }
    return check(name, () -> {
      String owner = AbiWords.address(primary().call(null, chain.depositContract().get(), encode("owner"), DefaultBlockParameterName.LATEST));
      String expected = chain.ownerAddress().get().toLowerCase(Locale.ROOT);
      return owner.equals(expected) ? pass(owner) : fail("owner() is " + owner + ", expected " + expected);
    });
  }

  private Check activeSigner() {
    String name = "router active signer";
    if (chain.router().isEmpty()) {
      return new Check(name, Result.SKIP, "no router configured");
    }
    if (signerAddress.isEmpty()) {
      return new Check(name, Result.SKIP, "writes disabled: no signer to compare");
    }
    return check(name, () -> {
      String active = AbiWords.address(primary().call(null, chain.router().get(), encode("activeSigner"), DefaultBlockParameterName.LATEST));
      return active.equals(signerAddress.get()) ? pass(active) : fail("activeSigner() is " + active + ", our signer is " + signerAddress.get());
    });
  }

  private static String encode(String noArgFunction) {
    return org.centurion.seatmanager.abi.Abi.encode(noArgFunction + "()");
  }

  private static boolean hasCode(String code) {
    return code != null && code.length() > 2;
  }

  private record Verdict(Result result, String detail) {}

  private interface Probe {
    Verdict run();
  }

  private static Check check(String name, Probe probe) {
    try {
      Verdict v = probe.run();
      return new Check(name, v.result(), v.detail());
    } catch (ChainException e) {
      return new Check(name, Result.FAIL, e.getMessage());
    } catch (RuntimeException e) {
      return new Check(name, Result.FAIL, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Verdict pass(String detail) {
    return new Verdict(Result.PASS, detail);
  }

  private static Verdict fail(String detail) {
    return new Verdict(Result.FAIL, detail);
  }
}
