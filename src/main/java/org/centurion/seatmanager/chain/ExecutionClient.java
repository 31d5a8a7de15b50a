package org.centurion.seatmanager.chain;

import org.centurion.seatmanager.config.EndpointBackoff;
import org.centurion.seatmanager.config.NamedEndpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthFeeHistory;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * JSON-RPC client of one execution-layer endpoint over web3j. Every request is bounded by {@link
 * RpcSettings#timeout()}; reads are retried on transport failures, HTTP errors (429 with its
 * {@code Retry-After}, bounded) and transient JSON-RPC errors ({@link RpcErrors}), with one
 * backoff shared by every request to this endpoint ({@link EndpointBackoff}); {@link #broadcast}
 * is tried exactly once. Only a real execution revert becomes {@link ContractRevertedException};
 * a rate limit or a lagging backend is the endpoint's failure, never a revert.
 */
public final class ExecutionClient implements AutoCloseable {
  private final NamedEndpoint endpoint;
  private final RpcSettings settings;
  private final OkHttpClient http;
  private final Web3j web3j;
  private final HttpService service;
  private final EndpointBackoff backoff;
  /** Set by the interceptor on the calling thread when the last answer was HTTP 429. */
  private final ThreadLocal<Boolean> rateLimited = ThreadLocal.withInitial(() -> false);

  public ExecutionClient(NamedEndpoint endpoint, RpcSettings settings) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.backoff = new EndpointBackoff(settings.initialBackoff(), settings.maxBackoff(), java.time.Clock.systemUTC());
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.timeout())
            .readTimeout(settings.timeout())
            .writeTimeout(settings.timeout())
            .callTimeout(settings.timeout())
            // OkHttp would otherwise silently resend a POST on some connection failures.
            .retryOnConnectionFailure(false)
            .addInterceptor(this::noteRetryAfter)
            .addInterceptor(ExecutionClient::limitSize)
            .build();
    this.service = new HttpService(endpoint.url().toString(), http);
    this.web3j = Web3j.build(service);
  }

  public NamedEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The most one JSON-RPC answer may weigh: a full 10,000-log eth_getLogs page is a few MiB; a larger
   * answer is refused unread (a hostile or broken endpoint must not exhaust the heap).
   */
  public static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  /** Answers above {@link #MAX_RESPONSE_BYTES} fail as an I/O error (and so as the endpoint's failure). */
  private static okhttp3.Response limitSize(okhttp3.Interceptor.Chain chain) throws IOException {
    okhttp3.Response r = chain.proceed(chain.request());
    okhttp3.ResponseBody body = r.body();
    if (body == null) {
      return r;
    }
    if (body.contentLength() > MAX_RESPONSE_BYTES) {
      r.close();
      throw new IOException("answer of " + body.contentLength() + " bytes is above the " + MAX_RESPONSE_BYTES + "-byte limit");
    }
    okio.BufferedSource limited = okio.Okio.buffer(new okio.ForwardingSource(body.source()) {
      private long read;

      @Override
      public long read(okio.Buffer sink, long byteCount) throws IOException {
        long n = super.read(sink, byteCount);
        if (n > 0 && (read += n) > MAX_RESPONSE_BYTES) {
          throw new IOException("answer is above the " + MAX_RESPONSE_BYTES + "-byte limit");
        }
        return n;
      }
    });
    return r.newBuilder().body(okhttp3.ResponseBody.create(limited, body.contentType(), body.contentLength())).build();
  }

  /** HTTP 429 and 503 may say when to come back: every request to this endpoint waits until then (bounded). */
  private okhttp3.Response noteRetryAfter(okhttp3.Interceptor.Chain chain) throws IOException {
    okhttp3.Response r = chain.proceed(chain.request());
    rateLimited.set(r.code() == 429);
    if (r.code() == 429 || r.code() == 503) {
      EndpointBackoff.parseRetryAfter(r.header("Retry-After"), java.time.Instant.now()).ifPresent(backoff::retryAfter);
    }
    return r;
  }

  public String label() {
    return endpoint.label();
  }

  public long chainId() {
    return read("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
  }

  public BigInteger blockNumber() {
    return read("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber();
  }

  public BlockHeader block(BigInteger number) {
    EthBlock.Block b = read("eth_getBlockByNumber", web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(number), false)).getBlock();
    if (b == null) {
      // a backend behind the others (load balancer) or a chain that got shorter: never "a different hash"
      throw new ChainException(ChainErrorCode.BLOCK_UNAVAILABLE, label() + ": block " + number + " not found");
    }
    Optional<BigInteger> baseFee = b.getBaseFeePerGasRaw() == null ? Optional.empty() : Optional.of(b.getBaseFeePerGas());
    return new BlockHeader(b.getNumber(), b.getHash(), baseFee, b.getTimestamp());
  }

  /**
   * eth_getLogs of one contract with one first topic over blocks {@code from..to} (inclusive). Logs
   * the node marks removed (a reorg it already saw) are left out.
   */
  public List<Log> logs(String address, String topic0, long from, long to) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address).addSingleTopic(topic0);
    List<Log> out = new ArrayList<>();
    EthLog answer = readAllowingError("eth_getLogs", web3j.ethGetLogs(filter));
    if (answer.hasError() && RpcErrors.isLogQueryTooLarge(answer.getError())) {
      throw new ChainException(ChainErrorCode.LOG_QUERY_TOO_LARGE,
          label() + ": eth_getLogs " + from + ".." + to + " too large: " + answer.getError().getMessage());
    }
    if (answer.hasError()) {
      throw rpcError("eth_getLogs", answer.getError());
    }
    for (EthLog.LogResult<?> r : answer.getLogs()) {
      if (!(r.get() instanceof Log log)) {
        throw new ChainException(ChainErrorCode.RPC_ERROR, label() + ": eth_getLogs returned hashes, not logs");
      }
      if (!log.isRemoved()) {
        out.add(log);
      }
    }
    return out;
  }

  public BigInteger balance(String address, DefaultBlockParameter block) {
    return read("eth_getBalance", web3j.ethGetBalance(address, block)).getBalance();
  }

  /** Transaction count of {@code address} at {@code block} ({@code pending} includes the mempool). */
  public BigInteger transactionCount(String address, DefaultBlockParameter block) {
    return read("eth_getTransactionCount", web3j.ethGetTransactionCount(address, block)).getTransactionCount();
  }

  public String code(String address, DefaultBlockParameter block) {
    return read("eth_getCode", web3j.ethGetCode(address, block)).getCode();
  }

  /**
   * eth_call; a revert becomes {@link ContractRevertedException} carrying the revert data.
   *
   * @param from the caller the contract sees, or null
   */
  public String call(String from, String to, String data, DefaultBlockParameter block) {
    EthCall r = readAllowingError("eth_call", web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), block));
    if (r.hasError() && RpcErrors.isExecutionRevert(r.getError())) {
      throw reverted(r.getError());
    }
    if (r.hasError()) {
      throw rpcError("eth_call", r.getError());
    }
    return r.getValue();
  }

  /**
   * {@code debug_traceCall} with the {@code callTracer} and its logs ({@code withLog}) at a fixed
   * block: the frames and events the call would produce, as the node's JSON (a map tree). A node
   * without the debug namespace answers an error, which is a {@link ChainErrorCode#RPC_ERROR}.
   */
  @SuppressWarnings("unchecked")
  public java.util.Map<String, Object> traceCall(String from, String to, BigInteger value, String data, BigInteger gas,
      BigInteger block) {
    java.util.Map<String, Object> call = new java.util.LinkedHashMap<>();
    call.put("from", from);
    call.put("to", to);
    call.put("value", org.web3j.utils.Numeric.toHexStringWithPrefix(value));
    call.put("gas", org.web3j.utils.Numeric.toHexStringWithPrefix(gas));
    call.put("data", data);
    java.util.Map<String, Object> tracer = java.util.Map.of("tracer", "callTracer", "tracerConfig", java.util.Map.of("withLog", true));
    TraceResponse r = read("debug_traceCall", new Request<>("debug_traceCall",
        List.of(call, org.web3j.utils.Numeric.toHexStringWithPrefix(block), tracer), service, TraceResponse.class));
    if (r.getResult() == null) {
      throw new ChainException(ChainErrorCode.RPC_ERROR, label() + ": debug_traceCall returned no trace");
    }
    return r.getResult();
  }

  /** The raw answer of {@code debug_traceCall}. */
  public static final class TraceResponse extends Response<java.util.Map<String, Object>> {}

  public BigInteger estimateGas(String from, String to, BigInteger value, String data) {
    var r = readAllowingError("eth_estimateGas",
        web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(from, null, null, null, to, value, data)));
    if (r.hasError() && RpcErrors.isExecutionRevert(r.getError())) {
      throw reverted(r.getError());
    }
    if (r.hasError()) {
      throw rpcError("eth_estimateGas", r.getError());
    }
    return r.getAmountUsed();
  }

  public EthFeeHistory.FeeHistory feeHistory(int blockCount, List<Double> rewardPercentiles) {
    return read("eth_feeHistory",
        web3j.ethFeeHistory(blockCount, org.web3j.protocol.core.DefaultBlockParameterName.LATEST, rewardPercentiles))
        .getFeeHistory();
  }

  /**
   * The receipt, when the node has one. A mined receipt without {@code status} (web3j would read it
   * as success) is tried again and then refused with RECEIPT_INCOMPLETE: its outcome is unknown,
   * and the caller decides on a later, complete answer from the chain.
   */
  public Optional<TransactionReceipt> receipt(String txHash) {
    for (int attempt = 1; ; attempt++) {
      Optional<TransactionReceipt> r = read("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash))
          .getTransactionReceipt();
      boolean incomplete = r.isPresent() && r.get().getBlockHash() != null && r.get().getStatus() == null;
      if (!incomplete) {
        return r;
      }
      if (attempt >= settings.readAttempts()) {
        throw new ChainException(ChainErrorCode.RECEIPT_INCOMPLETE,
            label() + ": receipt of " + txHash + " has no status; its outcome is unknown");
      }
      backoff.failed();
    }
  }

  public Optional<org.web3j.protocol.core.methods.response.Transaction> transaction(String txHash) {
    return read("eth_getTransactionByHash", web3j.ethGetTransactionByHash(txHash)).getTransaction();
  }

  /**
   * Sends already-signed bytes, once. The caller has recorded {@link SignedTransaction#hash()}
   * before; on a timeout the transaction may or may not have reached the node, so the caller
   * reconciles by hash rather than re-signing.
   *
   * <p>Sending the same bytes again (after a restart) is safe: a node that already holds them
   * answers "already known", which counts as success.
   *
   * @return the hash the node reported, checked against the envelope's own hash
   */
  public String broadcast(SignedTransaction signed) {
    var sent = sendOnce("eth_sendRawTransaction", web3j.ethSendRawTransaction(signed.rawHex()));
    if (sent.hasError() && alreadyKnown(sent.getError().getMessage())) {
      return signed.hash();
    }
    if (sent.hasError()) {
      throw new ChainException(ChainErrorCode.BROADCAST_REJECTED,
          label() + ": node refused " + signed.hash() + ": " + sent.getError().getMessage());
    }
    if (!signed.hash().equalsIgnoreCase(sent.getTransactionHash())) {
      throw new ChainException(ChainErrorCode.RPC_ERROR,
          label() + ": node reported hash " + sent.getTransactionHash() + " for " + signed.hash());
    }
    return signed.hash();
  }

  private static boolean alreadyKnown(String nodeMessage) {
    String m = nodeMessage == null ? "" : nodeMessage.toLowerCase(java.util.Locale.ROOT);
    // geth/reth: "already known"; older geth: "known transaction"; anvil: "transaction already imported"
    return m.contains("already known") || m.contains("known transaction") || m.contains("already imported");
  }

  private ContractRevertedException reverted(Response.Error error) {
    String data = error.getData();
    if (data != null) {
      data = data.strip();
      if (data.startsWith("\"") && data.endsWith("\"") && data.length() >= 2) {
        data = data.substring(1, data.length() - 1);
      }
      if (!data.matches("0x[0-9a-fA-F]*")) {
        // Nethermind: code -32015 "VM execution error." with data "Reverted 0x…" or "err: 0x… (supplied gas …)"
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:Reverted |err: )(0x[0-9a-fA-F]*)\\b.*").matcher(data);
        data = m.matches() ? m.group(1) : null;
      }
    }
    return new ContractRevertedException(label(), error.getMessage(), data);
  }

  private <T extends Response<?>> T read(String method, Request<?, T> request) {
    T response = readAllowingError(method, request);
    if (response.hasError()) {
      throw rpcError(method, response.getError());
    }
    return response;
  }

  /** A JSON-RPC error that is not a revert: the endpoint failed (RATE_LIMITED when it said so). */
  private ChainException rpcError(String method, Response.Error error) {
    ChainErrorCode code = RpcErrors.isRateLimit(error) ? ChainErrorCode.RATE_LIMITED : ChainErrorCode.RPC_ERROR;
    return new ChainException(code, label() + ": " + method + " failed: " + error.getMessage());
  }

  /**
   * Sends a read until it gets an answer worth returning: a result, a revert, a log-size refusal,
   * or (after the last attempt) whatever JSON-RPC error remains. Transport failures, HTTP errors and
   * transient JSON-RPC errors are tried again after this endpoint's backoff.
   */
  private <T extends Response<?>> T readAllowingError(String method, Request<?, T> request) {
    Exception last = null;
    boolean limited = false;
    for (int attempt = 1; attempt <= settings.readAttempts(); attempt++) {
      sleep(backoff.waitNow());
      try {
        T response = request.send();
        if (response == null) {
          throw new IOException("empty response");
        }
        if (response.hasError() && isTransient(response.getError()) && attempt < settings.readAttempts()) {
          limited = RpcErrors.isRateLimit(response.getError());
          backoff.failed();
          continue;
        }
        if (!response.hasError() || !isTransient(response.getError())) {
          backoff.succeeded();
        }
        return response;
      } catch (IOException | ClientConnectionException e) {
        // transport failure or an HTTP error status (a proxy's 502, a provider's 429): worth another try for a read
        last = e;
        limited = rateLimited.get();
        backoff.failed();
      }
    }
    throw new ChainException(limited ? ChainErrorCode.RATE_LIMITED : ChainErrorCode.ENDPOINT_UNAVAILABLE,
        label() + ": " + method + " failed after " + settings.readAttempts() + " attempt(s): " + describe(last), last);
  }

  /** Neither the contract's answer nor a size refusal: another try (or another backend) may well succeed. */
  private static boolean isTransient(Response.Error e) {
    return !RpcErrors.isExecutionRevert(e) && !RpcErrors.isLogQueryTooLarge(e);
  }

  private <T extends Response<?>> T sendOnce(String method, Request<?, T> request) {
    try {
      T response = request.send();
      if (response == null) {
        throw new IOException("empty response");
      }
      return response;
    } catch (IOException | ClientConnectionException e) {
      throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE,
          label() + ": " + method + " outcome unknown: " + describe(e), e);
    }
  }

  /** Exception text without the request URL, which may carry a provider key. */
  private String describe(Exception e) {
    String msg = e == null ? "unknown" : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return msg.replace(endpoint.url().toString(), endpoint.redactedUrl());
  }

  private static void sleep(java.time.Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE, "interrupted during backoff");
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "ExecutionClient[" + endpoint + "]";
  }
}
