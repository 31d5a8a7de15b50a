package org.centurion.seatmanager.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks several independent endpoints the same question before an irreversible action and only
 * answers when enough of them agree.
 *
 * <ul>
 *   <li>Any endpoint reporting another chain id refuses the action (CHAIN_ID_MISMATCH): a
 *       configured node on the wrong chain is a misconfiguration or an attack, never noise.
 *   <li>Endpoints more than {@code maxHeadLag} blocks behind the highest head, or not answering
 *       within the deadline, are left out and reported; fewer than {@code minAgreeing} left
 *       refuses the action (ENDPOINTS_LAGGING, ENDPOINT_UNAVAILABLE).
 *   <li>The remaining endpoints are read at one pinned block, the lowest head among them, so
 *       honest nodes a block apart still agree; different block hashes at that height or
 *       different answers refuse the action (ENDPOINTS_DISAGREE).
 * </ul>
 *
 * Every outcome carries one {@link Observation} per endpoint, so degraded endpoints can be alerted
 * on even when the check passes.
 */
public final class EndpointCrossCheck {
  private static final int MAX_ANSWER_CHARS = 160;

  /**
   * @param expectedChainId the configured chain id ({@code SEAT_MANAGER_CHAIN_ID})
   * @param minAgreeing {@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS}
   * @param maxHeadLag how many blocks an endpoint may trail the highest head
   * @param deadline bound on each of the two rounds of questions
   */
  public record Policy(long expectedChainId, int minAgreeing, int maxHeadLag, Duration deadline) {
    public Policy {
      if (minAgreeing < 1) {
        throw new IllegalArgumentException("minAgreeing must be at least 1");
      }
      if (maxHeadLag < 0) {
        throw new IllegalArgumentException("maxHeadLag must not be negative");
      }
      Objects.requireNonNull(deadline, "deadline");
    }
  }

  /** A read applied to every endpoint at the same block; answers are compared with deep equality. */
  @FunctionalInterface
  public interface EndpointRead<T> {
    T read(ExecutionClient client, BigInteger blockNumber);
  }

  public enum Status { AGREED, UNAVAILABLE, WRONG_CHAIN, LAGGING, DISAGREED }

  /** What one endpoint said; null fields were not learned. */
  public record Observation(String label, Status status, Long chainId, BigInteger head, String blockHash, String answer, String detail) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(label).append(": ").append(status);
      if (chainId != null) sb.append(" chainId=").append(chainId);
      if (head != null) sb.append(" head=").append(head);
      if (blockHash != null) sb.append(" blockHash=").append(blockHash);
      if (answer != null) sb.append(" answer=").append(answer);
      if (detail != null) sb.append(" (").append(detail).append(')');
      return sb.toString();
    }
  }

  /** The agreed answer, where it was read, and what every endpoint said. */
  public record Result<T>(T value, BigInteger blockNumber, String blockHash, List<Observation> observations) {
    /** Endpoints that did not take part: alert on these even though the check passed. */
    public List<Observation> degraded() {
      return observations.stream().filter(o -> o.status() != Status.AGREED).toList();
    }

    /** Labels of the endpoints whose answers agreed. */
    public List<String> agreeing() {
      return observations.stream().filter(o -> o.status() == Status.AGREED).map(Observation::label).toList();
    }
  }

  /** A refused cross-check: the code says why, the observations say who said what. */
  public static final class CrossCheckFailedException extends ChainException {
    private final List<Observation> observations;

    private final String reason;

    CrossCheckFailedException(ChainErrorCode code, String what, String reason, List<Observation> observations) {
      super(code, what + ": " + reason + " [" + observations.stream().map(Observation::toString).collect(Collectors.joining("; ")) + "]");
      this.observations = List.copyOf(observations);
      this.reason = reason;
    }

    /** Why the read was refused, without the observations. */
    public String reason() {
      return reason;
    }

    public List<Observation> observations() {
      return observations;
    }
  }

  /**
   * Learns the outcome of every cross-checked read: which endpoints agreed, or why the read was
   * refused. The composition root hands one that records them and raises the alert
   * ({@code alerts.EndpointAgreementLog}); {@link #NONE} keeps nothing.
   */
  public interface Recorder {
    void agreed(String read, Result<?> result);

    void refused(String read, CrossCheckFailedException failure);
  }

  /** Records nothing. */
  public static final Recorder NONE = new Recorder() {
    @Override
    public void agreed(String read, Result<?> result) {
      // nothing kept
    }

    @Override
    public void refused(String read, CrossCheckFailedException failure) {
      // nothing kept
    }
  };

  private final List<ExecutionClient> clients;
  private final Policy policy;
  private final Recorder recorder;

  public EndpointCrossCheck(List<ExecutionClient> clients, Policy policy) {
    this(clients, policy, NONE);
  }

  private EndpointCrossCheck(List<ExecutionClient> clients, Policy policy, Recorder recorder) {
    if (clients == null || clients.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is required");
    }
    this.clients = List.copyOf(clients);
    this.policy = Objects.requireNonNull(policy, "policy");
    if (policy.minAgreeing() > clients.size()) {
      throw new IllegalArgumentException("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS is " + policy.minAgreeing()
          + " but only " + clients.size() + " endpoint(s) are configured");
    }
    if (clients.stream().map(ExecutionClient::label).distinct().count() != clients.size()) {
      throw new IllegalArgumentException("endpoint labels must be unique");
    }
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /** The same endpoints and policy, telling {@code recorder} the outcome of every read. */
  public EndpointCrossCheck recordingTo(Recorder recorder) {
    return new EndpointCrossCheck(clients, policy, recorder);
  }

  public Policy policy() {
    return policy;
  }

  public List<ExecutionClient> clients() {
    return clients;
  }

  /** Chain id, heads and block hashes only: for preflight and before reads that need no answer. */
  public Result<String> heads() {
    return agree("chain head", (client, block) -> "in sync");
  }

  /**
   * Applies {@code read} to every usable endpoint at one pinned block and returns the common answer.
   *
   * @param what names the question in errors, alerts and the health report: a stable name of the
   *     kind of read (e.g. "vault binding"), never a URL; the recorder keeps one outcome per name
   * @throws CrossCheckFailedException when the endpoints do not agree as {@link Policy} demands
   */
  public <T> Result<T> agree(String what, EndpointRead<T> read) {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Result<T> result = agree(what, read, pool);
      recorder.agreed(what, result);
      return result;
    } catch (CrossCheckFailedException e) {
      recorder.refused(what, e);
      throw e;
    } finally {
      // A hung endpoint's request ends at its own timeout; nobody waits for it here.
      pool.shutdownNow();
    }
  }

  private record Heads(Long chainId, BigInteger head) {}

  private record Answer(String blockHash, Object value) {}

  private <T> Result<T> agree(String what, EndpointRead<T> read, ExecutorService pool) {
    int n = clients.size();
    Observation[] obs = new Observation[n];
    List<Outcome<Heads>> heads = ask(pool, c -> new Heads(c.chainId(), c.blockNumber()));

    BigInteger highest = null;
    for (int i = 0; i < n; i++) {
      String label = clients.get(i).label();
      Outcome<Heads> h = heads.get(i);
      if (h.failure() != null) {
        obs[i] = new Observation(label, Status.UNAVAILABLE, null, null, null, null, h.failure());
      } else if (h.value().chainId() != policy.expectedChainId()) {
        obs[i] = new Observation(label, Status.WRONG_CHAIN, h.value().chainId(), h.value().head(), null, null,
            "expected chain id " + policy.expectedChainId());
      } else if (highest == null || h.value().head().compareTo(highest) > 0) {
        highest = h.value().head();
      }
    }
    if (Arrays.stream(obs).anyMatch(o -> o != null && o.status() == Status.WRONG_CHAIN)) {
      throw failed(ChainErrorCode.CHAIN_ID_MISMATCH, what, "an endpoint reports another chain id", obs, heads);
    }
    List<Integer> inSync = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (obs[i] != null) {
        continue;
      }
      BigInteger head = heads.get(i).value().head();
      BigInteger behind = highest.subtract(head);
      if (behind.compareTo(BigInteger.valueOf(policy.maxHeadLag())) > 0) {
        obs[i] = new Observation(clients.get(i).label(), Status.LAGGING, policy.expectedChainId(), head, null, null,
            behind + " blocks behind the highest head " + highest + ", allowed " + policy.maxHeadLag());
      } else {
        inSync.add(i);
      }
    }
    if (inSync.size() < policy.minAgreeing()) {
      throw failed(shortfallCode(obs), what, inSync.size() + " endpoint(s) usable, " + policy.minAgreeing() + " required", obs, heads);
    }

    BigInteger pinned = inSync.stream().map(i -> heads.get(i).value().head()).min(BigInteger::compareTo).orElseThrow();
    List<ExecutionClient> usable = inSync.stream().map(clients::get).toList();
    List<Outcome<Answer>> answers = ask(pool, usable, c -> new Answer(c.block(pinned).hash(), read.read(c, pinned)));

    List<Integer> answered = new ArrayList<>();
    for (int k = 0; k < inSync.size(); k++) {
      int i = inSync.get(k);
      Outcome<Answer> a = answers.get(k);
      Heads h = heads.get(i).value();
      if (a.failure() != null) {
        obs[i] = new Observation(clients.get(i).label(), Status.UNAVAILABLE, h.chainId(), h.head(), null, null, a.failure());
      } else {
        answered.add(k);
        obs[i] = new Observation(clients.get(i).label(), Status.AGREED, h.chainId(), h.head(), a.value().blockHash(),
            render(a.value().value()), null);
      }
    }
    boolean hashesDiffer = answered.stream().map(k -> answers.get(k).value().blockHash()).distinct().count() > 1;
    boolean answersDiffer = answered.stream().map(k -> answers.get(k).value().value())
        .anyMatch(v -> !deepEquals(v, answers.get(answered.get(0)).value().value()));
    if (hashesDiffer || answersDiffer) {
      for (int k : answered) {
        Observation o = obs[inSync.get(k)];
        obs[inSync.get(k)] = new Observation(o.label(), Status.DISAGREED, o.chainId(), o.head(), o.blockHash(), o.answer(), null);
      }
      String reason = hashesDiffer ? "different block hashes at block " + pinned : "different answers at block " + pinned;
      throw failed(ChainErrorCode.ENDPOINTS_DISAGREE, what, reason, obs, heads);
    }
    if (answered.size() < policy.minAgreeing()) {
      throw failed(shortfallCode(obs), what, answered.size() + " endpoint(s) answered, " + policy.minAgreeing() + " required", obs, heads);
    }
    Answer agreed = answers.get(answered.get(0)).value();
    @SuppressWarnings("unchecked")
    T value = (T) agreed.value();
    return new Result<>(value, pinned, agreed.blockHash(), List.of(obs));
  }

  /**
   * One endpoint's answer to a read no block pins, with the range its own agreed-upon state explains.
   *
   * @param value what the endpoint says (a sender's pending nonce)
   * @param floor below it the answer is only behind (the nonce mined at its latest block)
   * @param ceiling above it nothing we know of explains the answer (mined plus our own unmined transactions)
   */
  public record Bounded(BigInteger value, BigInteger floor, BigInteger ceiling) {}

  /**
   * A count no block pins (a sender's pending nonce: what each node's pool holds): every endpoint is
   * asked and answers with its own range ({@link Bounded}). An answer below its floor counts as the
   * floor (a pool that has not seen our latest transactions yet); one above its ceiling is not
   * believed (DISAGREED): no transaction we know of explains it, and signing at it would leave a
   * nonce gap that keeps our transaction out of every block. The answer is the highest value
   * {@code minAgreeing} believed answers reach, so no one endpoint can raise it.
   *
   * @throws CrossCheckFailedException ENDPOINTS_DISAGREE when fewer than {@code minAgreeing}
   *     answers are believable because some are above their ceiling, ENDPOINT_UNAVAILABLE when too few answered
   */
  public Result<BigInteger> withinBounds(String what, Function<ExecutionClient, Bounded> read) {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Result<BigInteger> result = withinBounds(what, read, pool);
      recorder.agreed(what, result);
      return result;
    } catch (CrossCheckFailedException e) {
      recorder.refused(what, e);
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  private Result<BigInteger> withinBounds(String what, Function<ExecutionClient, Bounded> read, ExecutorService pool) {
    List<Outcome<Bounded>> answers = ask(pool, read);
    List<Observation> obs = new ArrayList<>();
    List<BigInteger> believed = new ArrayList<>();
    boolean aboveCeiling = false;
    for (int i = 0; i < clients.size(); i++) {
      String label = clients.get(i).label();
      Outcome<Bounded> a = answers.get(i);
      if (a.failure() != null) {
        obs.add(new Observation(label, Status.UNAVAILABLE, null, null, null, null, a.failure()));
      } else if (a.value().value().compareTo(a.value().ceiling()) > 0) {
        aboveCeiling = true;
        obs.add(new Observation(label, Status.DISAGREED, null, null, null, a.value().value().toString(),
            "above " + a.value().ceiling() + ", what its mined state and our own transactions explain"));
      } else {
        believed.add(a.value().value().max(a.value().floor()));
        obs.add(new Observation(label, Status.AGREED, null, null, null, a.value().value().toString(), null));
      }
    }
    if (believed.size() < policy.minAgreeing()) {
      ChainErrorCode code = aboveCeiling ? ChainErrorCode.ENDPOINTS_DISAGREE : ChainErrorCode.ENDPOINT_UNAVAILABLE;
      throw new CrossCheckFailedException(code, what, believed.size() + " endpoint(s) answered within what they explain, "
          + policy.minAgreeing() + " required", obs);
    }
    believed.sort(java.util.Comparator.reverseOrder());
    return new Result<>(believed.get(policy.minAgreeing() - 1), null, null, List.copyOf(obs));
  }

  /**
   * A quantity each node computes for itself against its latest state (a gas estimate), where honest
   * implementations differ by a little: every endpoint is asked, at least {@code minAgreeing} must
   * answer, and the highest answer may exceed the lowest by at most {@code tolerancePercent}. The
   * highest is returned, so a lying low answer cannot make a transaction run out of gas, and a lying
   * high one is refused instead of being signed.
   *
   * @throws CrossCheckFailedException ENDPOINTS_DISAGREE when the answers are further apart,
   *     ENDPOINT_UNAVAILABLE when too few answered
   */
  public Result<BigInteger> highestWithin(String what, Function<ExecutionClient, BigInteger> read, int tolerancePercent) {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Result<BigInteger> result = highestWithin(what, read, tolerancePercent, pool);
      recorder.agreed(what, result);
      return result;
    } catch (CrossCheckFailedException e) {
      recorder.refused(what, e);
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  private Result<BigInteger> highestWithin(String what, Function<ExecutionClient, BigInteger> read, int tolerancePercent,
      ExecutorService pool) {
    List<Outcome<BigInteger>> answers = ask(pool, read);
    List<BigInteger> values = answers.stream().map(Outcome::value).filter(Objects::nonNull).toList();
    BigInteger lowest = values.stream().min(BigInteger::compareTo).orElse(BigInteger.ZERO);
    BigInteger highest = values.stream().max(BigInteger::compareTo).orElse(BigInteger.ZERO);
    boolean apart = highest.multiply(BigInteger.valueOf(100)).compareTo(lowest.multiply(BigInteger.valueOf(100L + tolerancePercent))) > 0;
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      Outcome<BigInteger> a = answers.get(i);
      obs.add(a.failure() != null
          ? new Observation(clients.get(i).label(), Status.UNAVAILABLE, null, null, null, null, a.failure())
          : new Observation(clients.get(i).label(), apart ? Status.DISAGREED : Status.AGREED, null, null, null, a.value().toString(), null));
    }
    if (apart) {
      throw new CrossCheckFailedException(ChainErrorCode.ENDPOINTS_DISAGREE, what, "answers " + lowest + " to " + highest
          + " differ by more than " + tolerancePercent + " %", obs);
    }
    if (values.size() < policy.minAgreeing()) {
      throw new CrossCheckFailedException(ChainErrorCode.ENDPOINT_UNAVAILABLE, what, values.size() + " endpoint(s) answered, "
          + policy.minAgreeing() + " required", obs);
    }
    return new Result<>(highest, null, null, List.copyOf(obs));
  }

  private static ChainErrorCode shortfallCode(Observation[] obs) {
    return Arrays.stream(obs).anyMatch(o -> o != null && o.status() == Status.UNAVAILABLE)
        ? ChainErrorCode.ENDPOINT_UNAVAILABLE
        : ChainErrorCode.ENDPOINTS_LAGGING;
  }

  private CrossCheckFailedException failed(ChainErrorCode code, String what, String reason, Observation[] obs, List<Outcome<Heads>> heads) {
    List<Observation> all = new ArrayList<>();
    for (int i = 0; i < obs.length; i++) {
      if (obs[i] != null) {
        all.add(obs[i]);
      } else {
        Heads h = heads.get(i).value();
        all.add(new Observation(clients.get(i).label(), Status.AGREED, h == null ? null : h.chainId(), h == null ? null : h.head(),
            null, null, "not asked further"));
      }
    }
    return new CrossCheckFailedException(code, what, reason, all);
  }

  private record Outcome<V>(V value, String failure) {}

  private <V> List<Outcome<V>> ask(ExecutorService pool, Function<ExecutionClient, V> question) {
    return ask(pool, clients, question);
  }

  private <V> List<Outcome<V>> ask(ExecutorService pool, List<ExecutionClient> targets, Function<ExecutionClient, V> question) {
    List<Callable<V>> tasks = targets.stream().<Callable<V>>map(c -> () -> question.apply(c)).toList();
    List<Future<V>> futures;
    try {
      futures = pool.invokeAll(tasks, policy.deadline().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE, "interrupted during the endpoint cross-check");
    }
    List<Outcome<V>> out = new ArrayList<>();
    for (Future<V> f : futures) {
      if (f.isCancelled()) {
        out.add(new Outcome<>(null, "no answer within " + policy.deadline().toMillis() + " ms"));
        continue;
      }
      try {
        out.add(new Outcome<>(f.get(), null));
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        out.add(new Outcome<>(null, c instanceof ChainException ce ? ce.getMessage() : c.getClass().getSimpleName() + ": " + c.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE, "interrupted during the endpoint cross-check");
      }
    }
    return out;
  }

  private static boolean deepEquals(Object a, Object b) {
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }

  private static String render(Object value) {
    String s = Arrays.deepToString(new Object[] {value});
    s = s.substring(1, s.length() - 1);
    return s.length() > MAX_ANSWER_CHARS ? s.substring(0, MAX_ANSWER_CHARS) + "…" : s;
  }
}
