package org.centurion.seatmanager.devnet.beacon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One beacon-API endpoint over the simulator, on 127.0.0.1 only: the standard paths and JSON shapes
 * (numbers as decimal strings, bytes as 0x-hex, {@code {"code","message"}} errors). Its
 * {@link EndpointBehaviour} decides whether it tells the truth.
 */
public final class BeaconApiServer implements AutoCloseable {
  private static final String FAR_FUTURE = "18446744073709551615";
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> STATUSES = Set.of("pending_initialized", "pending_queued", "active_ongoing",
      "active_exiting", "active_slashed", "exited_unslashed", "exited_slashed", "withdrawal_possible",
      "withdrawal_done", "pending", "active", "exited", "withdrawal");

  private final BeaconChainSimulator chain;
  private final HttpServer server;
  private final ExecutorService executor;
  private final JsonMapper json = JsonMapper.builder().build();
  private volatile EndpointBehaviour behaviour = EndpointBehaviour.honest();

  private BeaconApiServer(BeaconChainSimulator chain, HttpServer server, ExecutorService executor) {
    this.chain = chain;
    this.server = server;
    this.executor = executor;
  }

  /** Binds 127.0.0.1:port (0 = any free port) and starts serving. */
  public static BeaconApiServer start(BeaconChainSimulator chain, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    BeaconApiServer api = new BeaconApiServer(chain, server, executor);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    return api;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void behave(EndpointBehaviour behaviour) {
    this.behaviour = behaviour;
  }

  public EndpointBehaviour behaviour() {
    return behaviour;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------- dispatch

  private record Reply(int status, Object body) {}

  private void handle(HttpExchange ex) throws IOException {
    Reply reply;
    try {
      reply = route(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
          ex.getRequestBody().readAllBytes());
    } catch (BadRequest e) {
      reply = error(400, e.getMessage());
    } catch (RuntimeException e) {
      reply = error(500, "internal error");
    }
    byte[] body = json.writeValueAsBytes(reply.body());
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private Reply route(String method, String path, String query, byte[] body) {
    String[] p = path.split("/");
    // ["", "eth", "v1", ...]
    if (p.length < 4 || !p[1].equals("eth") || !p[2].equals("v1")) {
      return error(404, "not found");
    }
    String tail = String.join("/", List.of(p).subList(3, p.length));
    boolean get = method.equals("GET");
    if (get && tail.equals("beacon/genesis")) {
      return ok(genesis());
    }
    if (get && tail.equals("config/spec")) {
      return ok(spec());
    }
    if (get && tail.equals("node/syncing")) {
      return ok(syncing());
    }
    if (get && tail.equals("node/health")) {
      return new Reply(200, Map.of());
    }
    if (get && p.length == 6 && p[3].equals("beacon") && p[4].equals("headers")) {
      return header(p[5]);
    }
    if (p.length >= 6 && p[3].equals("beacon") && p[4].equals("states")) {
      Optional<BeaconState> state = state(p[5]);
      if (state.isEmpty()) {
        return error(404, "State not found");
      }
      if (get && p.length == 7 && p[6].equals("finality_checkpoints")) {
        return finalized(state.get(), finality(state.get()));
      }
      if (p.length == 7 && p[6].equals("validators")) {
        if (get) {
          Map<String, List<String>> q = query(query);
          return finalized(state.get(), validators(state.get(), q.getOrDefault("id", List.of()),
              q.getOrDefault("status", List.of())));
        }
        if (method.equals("POST")) {
          return postValidators(state.get(), body);
        }
      }
      if (get && p.length == 8 && p[6].equals("validators")) {
        Optional<ValidatorView> v = find(state.get(), p[7]);
        return v.map(view -> finalized(state.get(), validatorJson(view)))
            .orElseGet(() -> error(404, "Validator not found"));
      }
    }
    return error(404, "not found");
  }

  // ------------------------------------------------------------ behaviour

  /** The head as this endpoint presents it. */
  private BeaconState head() {
    BeaconState truth = chain.head();
    return switch (behaviour) {
      case EndpointBehaviour.Honest h -> truth;
      case EndpointBehaviour.Lagging l -> chain.stateAtEpoch(Math.max(0, truth.epoch() - l.epochs())).orElseThrow();
      case EndpointBehaviour.Lying l -> lie(truth);
      case EndpointBehaviour.EarlyActivation e -> activatedAtGenesis(truth);
    };
  }

  private BeaconState lie(BeaconState truth) {
    List<ValidatorView> views = new ArrayList<>();
    for (ValidatorView v : truth.validators()) {
      if (v.status().startsWith("pending")) {
        views.add(new ValidatorView(v.index(), v.pubkey(), v.withdrawalCredentials(), v.balanceGwei(),
            v.effectiveBalanceGwei(), v.slashed(), truth.epoch(), truth.epoch(), v.exitEpoch(), v.withdrawableEpoch(),
            "active_ongoing"));
      } else {
        views.add(v);
      }
    }
    return new BeaconState(truth.slot(), truth.epoch(), truth.finalizedEpoch(), truth.justifiedEpoch(), views);
  }

  private static BeaconState activatedAtGenesis(BeaconState truth) {
    List<ValidatorView> views = new ArrayList<>();
    for (ValidatorView v : truth.validators()) {
      views.add(v.status().startsWith("active") ? new ValidatorView(v.index(), v.pubkey(), v.withdrawalCredentials(),
          v.balanceGwei(), v.effectiveBalanceGwei(), v.slashed(), 0, 0, v.exitEpoch(), v.withdrawableEpoch(), v.status()) : v);
    }
    return new BeaconState(truth.slot(), truth.epoch(), truth.finalizedEpoch(), truth.justifiedEpoch(), views);
  }

  private Optional<BeaconState> state(String stateId) {
    BeaconState head = head();
    long targetEpoch;
    switch (stateId) {
      case "head" -> {
        return Optional.of(head);
      }
      case "genesis" -> targetEpoch = 0;
      case "finalized" -> targetEpoch = head.finalizedEpoch();
      case "justified" -> targetEpoch = head.justifiedEpoch();
      default -> {
        if (!stateId.matches("\\d{1,18}")) {
          throw new BadRequest("Invalid state ID: " + stateId);
        }
        long slot = Long.parseLong(stateId);
        if (slot > head.slot()) {
          return Optional.empty();
        }
        targetEpoch = slot / chain.spec().slotsPerEpoch();
      }
    }
    if (behaviour instanceof EndpointBehaviour.Lying) {
      return chain.stateAtEpoch(targetEpoch).map(this::lie);
    }
    if (behaviour instanceof EndpointBehaviour.EarlyActivation) {
      return chain.stateAtEpoch(targetEpoch).map(BeaconApiServer::activatedAtGenesis);
    }
    return chain.stateAtEpoch(targetEpoch);
  }

  // ------------------------------------------------------------ resources

  private Map<String, Object> genesis() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("genesis_time", Long.toString(chain.genesisTime()));
    m.put("genesis_validators_root", "0x" + HEX.formatHex(new byte[32]));
    m.put("genesis_fork_version", "0x" + HEX.formatHex(chain.spec().genesisForkVersion()));
    return m;
  }

  private Map<String, Object> spec() {
    BeaconSpec s = chain.spec();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CONFIG_NAME", "centurion-devnet");
    m.put("PRESET_BASE", "minimal");
    m.put("SECONDS_PER_SLOT", Integer.toString(s.secondsPerSlot()));
    m.put("SLOTS_PER_EPOCH", Integer.toString(s.slotsPerEpoch()));
    m.put("SHARD_COMMITTEE_PERIOD", Long.toString(s.shardCommitteePeriod()));
    m.put("MIN_VALIDATOR_WITHDRAWABILITY_DELAY", Long.toString(s.minValidatorWithdrawabilityDelay()));
    m.put("MAX_SEED_LOOKAHEAD", Long.toString(s.exitDelayEpochs()));
    m.put("MAX_EFFECTIVE_BALANCE", Long.toString(BeaconSpec.MAX_EFFECTIVE_BALANCE_GWEI));
    m.put("MIN_ACTIVATION_BALANCE", Long.toString(BeaconSpec.MAX_EFFECTIVE_BALANCE_GWEI));
    m.put("FAR_FUTURE_EPOCH", FAR_FUTURE);
    m.put("GENESIS_FORK_VERSION", "0x" + HEX.formatHex(s.genesisForkVersion()));
    m.put("DEPOSIT_CHAIN_ID", Long.toString(s.depositChainId()));
    m.put("DEPOSIT_NETWORK_ID", Long.toString(s.depositChainId()));
    m.put("DEPOSIT_CONTRACT_ADDRESS", s.depositContractAddress());
    m.put("DOMAIN_DEPOSIT", "0x03000000");
    return m;
  }

  private Map<String, Object> syncing() {
    long trueHead = chain.headSlot();
    long shown = head().slot();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("head_slot", Long.toString(shown));
    // a lagging endpoint does not admit it: that is the failure a cross-check must catch
    m.put("sync_distance", behaviour instanceof EndpointBehaviour.Lagging ? "0" : Long.toString(trueHead - shown));
    m.put("is_syncing", false);
    m.put("is_optimistic", false);
    m.put("el_offline", false);
    return m;
  }

  private Reply header(String blockId) {
    BeaconState head = head();
    long slot;
    switch (blockId) {
      case "head" -> slot = head.slot();
      case "genesis" -> slot = 0;
      case "finalized" -> slot = head.finalizedEpoch() * chain.spec().slotsPerEpoch();
      case "justified" -> slot = head.justifiedEpoch() * chain.spec().slotsPerEpoch();
      default -> {
        if (!blockId.matches("\\d{1,18}")) {
          throw new BadRequest("Invalid block ID: " + blockId);
        }
        slot = Long.parseLong(blockId);
        if (slot > head.slot()) {
          return error(404, "Block not found");
        }
      }
    }
    String root = blockRoot(slot);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("slot", Long.toString(slot));
    message.put("proposer_index", "0");
    message.put("parent_root", slot == 0 ? "0x" + HEX.formatHex(new byte[32]) : blockRoot(slot - 1));
    message.put("state_root", stateRoot(slot));
    message.put("body_root", stateRoot(slot + 1_000_000_007L));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("root", root);
    data.put("canonical", true);
    data.put("header", Map.of("message", message, "signature", "0x" + HEX.formatHex(new byte[96])));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("execution_optimistic", false);
    out.put("finalized", slot <= head.finalizedEpoch() * chain.spec().slotsPerEpoch());
    out.put("data", data);
    return new Reply(200, out);
  }

  private String blockRoot(long slot) {
    String salt = behaviour instanceof EndpointBehaviour.Lying ? "centurion-devnet-forged" : "centurion-devnet";
    return "0x" + HEX.formatHex(sha256(salt.getBytes(StandardCharsets.US_ASCII), le(slot)));
  }

  private String stateRoot(long slot) {
    return "0x" + HEX.formatHex(sha256("centurion-devnet-state".getBytes(StandardCharsets.US_ASCII), le(slot)));
  }

  // Devnet block and state roots are stand-ins: a hash of a salt and the slot, not SSZ.
  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static byte[] le(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  private Map<String, Object> finality(BeaconState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("previous_justified", checkpoint(Math.max(0, s.justifiedEpoch() - 1)));
    m.put("current_justified", checkpoint(s.justifiedEpoch()));
    m.put("finalized", checkpoint(s.finalizedEpoch()));
    return m;
  }

  private Map<String, Object> checkpoint(long epoch) {
    return Map.of("epoch", Long.toString(epoch), "root", blockRoot(epoch * chain.spec().slotsPerEpoch()));
  }

  private Reply postValidators(BeaconState state, byte[] body) {
    List<String> ids = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    if (body.length > 0) {
      JsonNode root;
      try {
        root = json.readTree(body);
      } catch (JacksonException e) {
        throw new BadRequest("Invalid JSON body");
      }
      if (!root.isObject()) {
        throw new BadRequest("Body must be an object with ids and statuses");
      }
      collect(root.get("ids"), ids);
      collect(root.get("statuses"), statuses);
    }
    return finalized(state, validators(state, ids, statuses));
  }

  private static void collect(JsonNode node, List<String> into) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isArray()) {
      throw new BadRequest("ids and statuses must be arrays of strings");
    }
    for (JsonNode n : node) {
      if (!n.isString()) {
        throw new BadRequest("ids and statuses must be arrays of strings");
      }
      into.add(n.asString());
    }
  }

  private List<Map<String, Object>> validators(BeaconState s, List<String> ids, List<String> statuses) {
    for (String st : statuses) {
      if (!STATUSES.contains(st)) {
        throw new BadRequest("Invalid validator status: " + st);
      }
    }
    List<ValidatorView> selected = new ArrayList<>();
    if (ids.isEmpty()) {
      selected.addAll(s.validators());
    } else {
      Set<Long> seen = new LinkedHashSet<>();
      for (String id : ids) {
        find(s, id).filter(v -> seen.add(v.index())).ifPresent(selected::add);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (ValidatorView v : selected) {
      if (statuses.isEmpty() || statuses.stream().anyMatch(st -> v.status().equals(st) || v.status().startsWith(st + "_"))) {
        out.add(validatorJson(v));
      }
    }
    return out;
  }

  private Optional<ValidatorView> find(BeaconState s, String id) {
    if (id.startsWith("0x")) {
      if (!id.matches("0x[0-9a-fA-F]{96}")) {
        throw new BadRequest("Invalid validator ID: " + id);
      }
      byte[] pubkey = HEX.parseHex(id.substring(2));
      return s.validators().stream().filter(v -> java.util.Arrays.equals(v.pubkey(), pubkey)).findFirst();
    }
    if (!id.matches("\\d{1,18}")) {
      throw new BadRequest("Invalid validator ID: " + id);
    }
    long index = Long.parseLong(id);
    return index < s.validators().size() ? Optional.of(s.validators().get((int) index)) : Optional.empty();
  }

  private static Map<String, Object> validatorJson(ValidatorView v) {
    Map<String, Object> validator = new LinkedHashMap<>();
    validator.put("pubkey", "0x" + HEX.formatHex(v.pubkey()));
    validator.put("withdrawal_credentials", "0x" + HEX.formatHex(v.withdrawalCredentials()));
    validator.put("effective_balance", Long.toString(v.effectiveBalanceGwei()));
    validator.put("slashed", v.slashed());
    validator.put("activation_eligibility_epoch", epoch(v.activationEligibilityEpoch()));
    validator.put("activation_epoch", epoch(v.activationEpoch()));
    validator.put("exit_epoch", epoch(v.exitEpoch()));
    validator.put("withdrawable_epoch", epoch(v.withdrawableEpoch()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", Long.toString(v.index()));
    m.put("balance", Long.toString(v.balanceGwei()));
    m.put("status", v.status());
    m.put("validator", validator);
    return m;
  }

  private static String epoch(long e) {
    return e == BeaconSpec.FAR_FUTURE_EPOCH ? FAR_FUTURE : Long.toString(e);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      for (String v : value.split(",")) {
        if (!v.isBlank()) {
          out.computeIfAbsent(key, k -> new ArrayList<>()).add(v.strip());
        }
      }
    }
    return out;
  }

  private Reply ok(Object data) {
    return new Reply(200, Map.of("data", data));
  }

  private Reply finalized(BeaconState state, Object data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("execution_optimistic", false);
    out.put("finalized", state.epoch() <= chain.head().finalizedEpoch());
    out.put("data", data);
    return new Reply(200, out);
  }

  private static Reply error(int code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("message", message);
    return new Reply(code, m);
  }
}
