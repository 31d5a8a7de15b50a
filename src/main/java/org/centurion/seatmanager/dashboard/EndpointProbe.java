package org.centurion.seatmanager.dashboard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.FinalityCheckpoint;
import org.centurion.seatmanager.chain.ExecutionClient;

/**
 * Probes every configured EL and CL endpoint in parallel: head, latency and whether it agrees
 * with the others. EL endpoints agree when they hold the same hash at the lowest common head;
 * CL endpoints when they report the same finalized checkpoint (a lower one is lagging). The last
 * results and per-endpoint error counts are kept for the metrics.
 */
public final class EndpointProbe {
  private final long chainId;
  private final List<ExecutionClient> execution;
  private final List<BeaconClient> beacon;
  private final AtomicReference<List<EndpointHealth>> last = new AtomicReference<>(List.of());
  private final Map<String, AtomicLong> errors = new java.util.concurrent.ConcurrentHashMap<>();

  public EndpointProbe(long chainId, List<ExecutionClient> execution, List<BeaconClient> beacon) {
    this.chainId = chainId;
    this.execution = List.copyOf(execution);
    this.beacon = List.copyOf(beacon);
  }

  private record ElRead(long chainId, long head, String hash, long latency) {}

  private record ClRead(long headSlot, FinalityCheckpoint finality, long latency) {}

  private record Outcome<T>(T value, String error, long latency) {}

  public synchronized List<EndpointHealth> probe() {
    List<EndpointHealth> out = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      out.addAll(probeExecution(pool));
      out.addAll(probeBeacon(pool));
    }
    for (EndpointHealth h : out) {
      AtomicLong counter = errors.computeIfAbsent(h.layer() + "/" + h.label(), k -> new AtomicLong());
      if (!h.up()) {
        counter.incrementAndGet();
      }
    }
    last.set(List.copyOf(out));
    return last.get();
  }

  /** The results of the last probe (empty before the first). */
  public List<EndpointHealth> last() {
    return last.get();
  }

  /** Failed probes per {@code LAYER/label} since start. */
  public Map<String, Long> errorCounts() {
    Map<String, Long> m = new HashMap<>();
    errors.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  private List<EndpointHealth> probeExecution(ExecutorService pool) {
    List<Outcome<ElRead>> reads = ask(pool, execution, c -> {
      long start = System.nanoTime();
      long id = c.chainId();
      BigInteger head = c.blockNumber();
      long latency = (System.nanoTime() - start) / 1_000_000;
      return new ElRead(id, head.longValueExact(), null, latency);
    });
    long common = Long.MAX_VALUE;
    for (Outcome<ElRead> r : reads) {
      if (r.value() != null && r.value().chainId() == chainId) {
        common = Math.min(common, r.value().head());
      }
    }
    long pinned = common;
    List<Outcome<String>> hashes = ask(pool, execution, c -> pinned == Long.MAX_VALUE ? null
        : c.block(BigInteger.valueOf(pinned)).hash());
    Map<String, Integer> votes = new HashMap<>();
    for (int i = 0; i < execution.size(); i++) {
      if (reads.get(i).value() != null && reads.get(i).value().chainId() == chainId && hashes.get(i).value() != null) {
        votes.merge(hashes.get(i).value(), 1, Integer::sum);
      }
    }
    String majority = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    int voters = votes.values().stream().mapToInt(Integer::intValue).sum();
    List<EndpointHealth> out = new ArrayList<>();
    for (int i = 0; i < execution.size(); i++) {
      ExecutionClient c = execution.get(i);
      Outcome<ElRead> r = reads.get(i);
      if (r.value() == null) {
        out.add(new EndpointHealth("EL", c.label(), c.endpoint().redactedUrl(), false, Optional.empty(), Optional.empty(),
            r.latency(), "DOWN", Optional.of(r.error())));
        continue;
      }
      if (r.value().chainId() != chainId) {
        out.add(new EndpointHealth("EL", c.label(), c.endpoint().redactedUrl(), true, Optional.of(r.value().head()),
            Optional.empty(), r.value().latency(), "WRONG_CHAIN",
            Optional.of(c.label() + ": chain id " + r.value().chainId() + ", expected " + chainId)));
        continue;
      }
      String hash = hashes.get(i).value();
      String agreement = hash == null ? "DOWN" : voters < 2 ? "ALONE" : hash.equals(majority) ? "AGREES" : "DISAGREES";
      Optional<String> err = Optional.ofNullable(hashes.get(i).error());
      out.add(new EndpointHealth("EL", c.label(), c.endpoint().redactedUrl(), hash != null, Optional.of(r.value().head()),
          Optional.ofNullable(hash).map(h -> pinned + ":" + h), r.value().latency(), agreement, err));
    }
    return out;
  }

  private List<EndpointHealth> probeBeacon(ExecutorService pool) {
    List<Outcome<ClRead>> reads = ask(pool, beacon, c -> {
      long start = System.nanoTime();
      long slot = c.headSlot();
      FinalityCheckpoint f = c.finality();
      return new ClRead(slot, f, (System.nanoTime() - start) / 1_000_000);
    });
    Map<FinalityCheckpoint, Integer> votes = new HashMap<>();
    reads.stream().filter(r -> r.value() != null).forEach(r -> votes.merge(r.value().finality(), 1, Integer::sum));
    // the most endpoints wins; on a tie the higher finalized epoch
    FinalityCheckpoint majority = votes.entrySet().stream()
        .max(Comparator.<Map.Entry<FinalityCheckpoint, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparingLong(e -> e.getKey().finalizedEpoch()))
        .map(Map.Entry::getKey).orElse(null);
    int voters = votes.values().stream().mapToInt(Integer::intValue).sum();
    List<EndpointHealth> out = new ArrayList<>();
    for (int i = 0; i < beacon.size(); i++) {
      BeaconClient c = beacon.get(i);
      Outcome<ClRead> r = reads.get(i);
      if (r.value() == null) {
        out.add(new EndpointHealth("CL", c.label(), c.endpoint().redactedUrl(), false, Optional.empty(), Optional.empty(),
            r.latency(), "DOWN", Optional.of(r.error())));
        continue;
      }
      FinalityCheckpoint f = r.value().finality();
      String agreement = voters < 2 ? "ALONE" : f.equals(majority) ? "AGREES"
          : f.finalizedEpoch() < majority.finalizedEpoch() ? "LAGGING" : "DISAGREES";
      out.add(new EndpointHealth("CL", c.label(), c.endpoint().redactedUrl(), true, Optional.of(r.value().headSlot()),
          Optional.of(f.finalizedEpoch() + ":" + f.finalizedRoot()), r.value().latency(), agreement, Optional.empty()));
    }
    return out;
  }

  private static <C, T> List<Outcome<T>> ask(ExecutorService pool, List<C> clients, Function<C, T> read) {
    List<Future<Outcome<T>>> futures = new ArrayList<>();
    for (C c : clients) {
      futures.add(pool.submit(() -> {
        long start = System.nanoTime();
        try {
          return new Outcome<>(read.apply(c), null, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
          // chain and beacon exceptions name the endpoint by label; others by type only
          String msg = e instanceof org.centurion.seatmanager.chain.ChainException
              || e instanceof org.centurion.seatmanager.beacon.BeaconException ? e.getMessage() : e.getClass().getSimpleName();
          return new Outcome<>(null, msg, (System.nanoTime() - start) / 1_000_000);
        }
      }));
    }
    List<Outcome<T>> out = new ArrayList<>();
    for (Future<Outcome<T>> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(new Outcome<>(null, "interrupted", 0));
      } catch (java.util.concurrent.ExecutionException e) {
        out.add(new Outcome<>(null, e.getCause().getClass().getSimpleName(), 0));
      }
    }
    return out;
  }
}
