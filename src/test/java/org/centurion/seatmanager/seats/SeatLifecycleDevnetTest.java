package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.beacon.EndpointBehaviour;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.centurion.seatmanager.web.routes.RouteRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.centurion.seatmanager.cli.Main;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.keys.KeyProcess;
import org.centurion.seatmanager.testing.TestKeyProcess;
import org.centurion.seatmanager.web.ApiServer;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance path on one devnet: a seat from with-vault to SETTLED through the real
 * routes, the real contracts and the beacon simulator, with idempotent replays changing nothing and
 * a front-run deposit refused.
 */
class SeatLifecycleDevnetTest {
  static SeatTestbed bed;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  static JsonNode json(HttpResponse<String> r) {
    return SecurityFixture.json(r);
  }

  long operationCount() {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM operations").mapTo(Long.class).one());
  }

  /** with-vault, executed, verified: the seat in CREATED. */
  long createSeat(DevnetValidatorKey key, String operator) {
    HttpResponse<String> r = bed.post("/v1/seats/with-vault", SeatTestbed.withVaultBody(operator, BENEFICIARY, key.pubkey()),
        false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    bed.execute(json(r).path("operation").path("id").asLong());
    return bed.seatOf(Numeric.toHexString(key.pubkey()));
  }

  String vaultOf(long seatId) {
    return bed.get("/v1/seats/" + seatId).path("vault").asString();
  }

  /**
   * Issue 12, stolen credentials: with the static admin token, or an admin's session without the
   * password (no step-up), a caller reaches an allowlisted seat but cannot fund, settle or exit it;
   * nothing is queued and on chain the router and the deposit contract keep their balances. In
   * every signer mode (the compromise matrix's modes): the seat is set up signed in that mode, and
   * the executor in that mode runs after the stolen requests.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(org.centurion.seatmanager.signing.SignerModes.Mode.class)
  void aStolenStaticTokenOrSessionWithoutThePasswordCannotMoveTreasuryMoney(org.centurion.seatmanager.signing.SignerModes.Mode mode)
      throws Exception {
    bed.signWith(mode);
    try {
      stolenCredentialsMoveNothing("op-stolen-" + mode);
    } finally {
      bed.signWith(org.centurion.seatmanager.signing.SignerModes.Mode.LOCAL_KEY);
    }
  }

  private void stolenCredentialsMoveNothing(String operator) {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = createSeat(key, operator);
    String vault = vaultOf(id);
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    long approveOp = json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong();
    bed.execute(approveOp);
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    // Every signature and broadcast of the executor is on record with its decoded call (issue 12).
    List<Map<String, Object>> audit = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
            "SELECT action, result, reason FROM audit_log WHERE target LIKE :t ORDER BY id").bind("t", "operation:" + approveOp + " %")
        .mapToMap().list());
    assertThat(audit).extracting(r -> r.get("action")).containsExactly("treasury.sign", "treasury.broadcast");
    assertThat(audit.get(0).get("reason").toString()).contains("nonce=").contains("hash=0x").contains("call=addAllowedDepositFor on "
        + bed.devnet.addresses().depositContract().toLowerCase(java.util.Locale.ROOT) + " value=0");
    assertThat(audit.get(1).get("reason").toString()).contains("outcome=accepted");
    String router = bed.devnet.addresses().treasuryRouter();
    String deposit = bed.devnet.addresses().depositContract();
    BigInteger routerBefore = bed.devnet.chain().balance(router);
    BigInteger depositBefore = bed.devnet.chain().balance(deposit);
    long ops = operationCount();
    for (String stolen : List.of(SeatTestbed.STATIC_TOKEN, bed.adminToken)) {
      for (String action : List.of("deposit", "settle", "force-exit")) {
        HttpResponse<String> r = bed.postAs(stolen, "/v1/seats/" + id + "/" + action, "");
        assertThat(r.statusCode()).as(action + ": " + r.body()).isIn(401, 403);
      }
    }
    for (int i = 0; i < 3; i++) {
      bed.executor.tick();
    }
    assertThat(operationCount()).isEqualTo(ops);
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    assertThat(bed.devnet.chain().balance(router)).isEqualTo(routerBefore);
    assertThat(bed.devnet.chain().balance(deposit)).isEqualTo(depositBefore);
  }

  @Test
  void concurrentRequestsWithOneIdempotencyKeyAllGetTheFirstAnswer() throws Exception {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String body = SeatTestbed.withVaultBody("op-concurrent", BENEFICIARY, key.pubkey());
    long before = operationCount();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        sent.add(pool.submit(() -> {
          go.await();
          return bed.post("/v1/seats/with-vault", body, false, "k-concurrent-1");
        }));
      }
      go.countDown();
      java.util.Set<String> bodies = new java.util.HashSet<>();
      for (var f : sent) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        bodies.add(r.body());
      }
      assertThat(bodies).hasSize(1);
    }
    assertThat(operationCount()).isEqualTo(before + 1);
  }

  @Test
  void aSeatGoesFromWithVaultToSettled() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String pubkey = Numeric.toHexString(key.pubkey());
    String body = SeatTestbed.withVaultBody("op-e2e", BENEFICIARY, key.pubkey());

    // with-vault, replayed with the same key: one operation, the same answer
    long before = operationCount();
    HttpResponse<String> first = bed.post("/v1/seats/with-vault", body, false, "k-with-vault-1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    HttpResponse<String> replay = bed.post("/v1/seats/with-vault", body, false, "k-with-vault-1");
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(operationCount()).isEqualTo(before + 1);
    HttpResponse<String> reused = bed.post("/v1/seats/with-vault",
        SeatTestbed.withVaultBody("op-other", BENEFICIARY, key.pubkey()), false, "k-with-vault-1");
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(reused)).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    // a second request for the same pubkey with another key is refused while the first is pending
    HttpResponse<String> again = bed.post("/v1/seats/with-vault", body, false);
    assertThat(SecurityFixture.code(again)).isEqualTo("PUBKEY_TAKEN");
    // one seat per operator (SEAT_MANAGER_ALLOW_MULTIPLE_SEATS_PER_OPERATOR=false), a pending deployment counts
    HttpResponse<String> secondSeat = bed.post("/v1/seats/with-vault",
        SeatTestbed.withVaultBody("op-e2e", BENEFICIARY, DevnetValidatorKey.random().pubkey()), false);
    assertThat(secondSeat.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(secondSeat)).isEqualTo("OPERATOR_HAS_SEAT");

    String vault = json(first).path("vault").asString();
    assertThat(bed.get("/v1/seats?pubkey=" + pubkey).path("items")).isEmpty();
    bed.execute(json(first).path("operation").path("id").asLong());
    long id = bed.seatOf(pubkey);
    JsonNode seat = bed.get("/v1/seats/" + id);
    assertThat(seat.path("state").asString()).isEqualTo("CREATED");
    assertThat(seat.path("vault").asString()).isEqualTo(vault);
    assertThat(bed.devnet.ops().vaultFor(key.pubkey())).isEqualToIgnoringCase(vault);
    assertThat(seat.path("evidence").get(0).path("event").asString()).isEqualTo("VaultDeployed");
    assertThat(seat.path("evidence").get(0).path("txHash").asString()).startsWith("0x");

    // deposit data: a wrong file reports every failure and changes nothing
    String wrongFork = bed.depositFile(key, vault, new byte[] {0, 0, 0, 0});
    HttpResponse<String> bad = bed.post("/v1/seats/" + id + "/deposit-data", wrongFork, false);
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
    assertThat(SecurityFixture.code(bad)).isEqualTo("DEPOSIT_DATA_INVALID");
    assertThat(bad.body()).contains("FORK_VERSION_MISMATCH", "SIGNATURE_INVALID");
    assertThat(bed.state(id)).isEqualTo("CREATED");
    HttpResponse<String> dd = bed.post("/v1/seats/" + id + "/deposit-data",
        bed.depositFile(key, vault, bed.devnet.genesisForkVersion()), false);
    assertThat(dd.statusCode()).as(dd.body()).isEqualTo(200);
    assertThat(bed.state(id)).isEqualTo("DATA_VERIFIED");

    // approve: the intent for the router in the current epoch
    HttpResponse<String> approve = bed.post("/v1/seats/" + id + "/approve", "", false, "k-approve-" + id);
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
    HttpResponse<String> approveAgain = bed.post("/v1/seats/" + id + "/approve", "", false, "k-approve-" + id);
    assertThat(approveAgain.body()).isEqualTo(approve.body());
    assertThat(SecurityFixture.code(bed.post("/v1/seats/" + id + "/approve", "", false))).isEqualTo("OPERATION_PENDING");
    bed.execute(json(approve).path("operation").path("id").asLong());
    seat = bed.get("/v1/seats/" + id);
    assertThat(seat.path("state").asString()).isEqualTo("ALLOWLISTED");
    assertThat(seat.path("intentEpoch").asString()).isEqualTo("1");

    // deposit: step-up is required, then the checklist passes and 32 CTN go through the router
    HttpResponse<String> noStepUp = bed.post("/v1/seats/" + id + "/deposit", "", false);
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(noStepUp)).isEqualTo("STEP_UP_REQUIRED");
    BigInteger contractBefore = bed.devnet.chain().balance(bed.devnet.addresses().depositContract());
    HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true, "k-deposit-" + id);
    assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(202);
    assertThat(json(deposit).path("operation").path("valueWei").asString()).isEqualTo("32000000000000000000");
    bed.execute(json(deposit).path("operation").path("id").asLong());
    assertThat(bed.devnet.chain().balance(bed.devnet.addresses().depositContract()).subtract(contractBefore))
        .isEqualTo(SeatAbi.SEAT_DEPOSIT_WEI);
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");
    // replaying the deposit answers as before and sends nothing
    long ops = operationCount();
    assertThat(bed.post("/v1/seats/" + id + "/deposit", "", true, "k-deposit-" + id).body()).isEqualTo(deposit.body());
    assertThat(operationCount()).isEqualTo(ops);
    HttpResponse<String> depositTwice = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(depositTwice.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(depositTwice)).isEqualTo("INVALID_STATE");
    assertThat(depositTwice.body()).contains("DEPOSITED");

    // the watchers' part: the beacon chain sees and activates the validator
    bed.devnet.advanceEpochs(1);
    watcherMove(id, SeatState.DEPOSITED, SeatState.SEEN_BY_CL);
    bed.devnet.advanceEpochs(3);
    assertThat(beaconStatus(pubkey)).isEqualTo("active_ongoing");
    watcherMove(id, SeatState.SEEN_BY_CL, SeatState.ACTIVE);

    // force-exit: refused while younger than SHARD_COMMITTEE_PERIOD, with the first allowed epoch
    HttpResponse<String> early = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(early)).isEqualTo("EXIT_TOO_EARLY");
    long firstAllowed = json(early).path("error").path("details").get(0).path("firstAllowedEpoch").asLong();
    assertThat(bed.state(id)).isEqualTo("ACTIVE");
    bed.devnet.advanceEpochs(firstAllowed - bed.devnet.beacon().currentEpoch());
    HttpResponse<String> exit = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(exit.statusCode()).as(exit.body()).isEqualTo(202);
    bed.execute(json(exit).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("EXIT_REQUESTED");
    for (int i = 0; i < 12 && !beaconStatus(pubkey).equals("withdrawal_done"); i++) {
      bed.devnet.advanceEpochs(1);
    }
    assertThat(beaconStatus(pubkey)).isEqualTo("withdrawal_done");
    watcherMove(id, SeatState.EXIT_REQUESTED, SeatState.EXITED);

    // settle: propose now, finalize after the vault's delay; principal first to the treasury
    BigInteger inVault = bed.devnet.chain().balance(vault);
    assertThat(inVault).isGreaterThan(SeatAbi.SEAT_DEPOSIT_WEI);
    HttpResponse<String> settle = bed.post("/v1/seats/" + id + "/settle", "", true);
    assertThat(settle.statusCode()).as(settle.body()).isEqualTo(202);
    bed.execute(json(settle).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("SETTLING");
    JsonNode opsNow = bed.get("/v1/seats/" + id + "/operations").path("items");
    JsonNode finalize = opsNow.get(opsNow.size() - 1);
    assertThat(finalize.path("kind").asString()).isEqualTo("FINALIZE_SETTLEMENT");
    assertThat(finalize.path("status").asString()).isEqualTo("QUEUED");
    assertThat(SecurityFixture.code(bed.post("/v1/seats/" + id + "/settle", "", true))).isEqualTo("OPERATION_PENDING");
    bed.advanceChainTime(Duration.ofHours(1));
    bed.execute(finalize.path("id").asLong());
    seat = bed.get("/v1/seats/" + id);
    assertThat(seat.path("state").asString()).isEqualTo("SETTLED");
    assertThat(seat.path("principalReturnedWei").asString()).isEqualTo(SeatAbi.SEAT_DEPOSIT_WEI.toString());
    assertThat(new BigInteger(seat.path("beneficiaryShareWei").asString()))
        .isEqualTo(inVault.subtract(SeatAbi.SEAT_DEPOSIT_WEI));
    List<String> path = seat.path("evidence").valueStream().map(e -> e.path("to").asString()).toList();
    assertThat(path).containsExactly("CREATED", "DATA_VERIFIED", "ALLOWLISTED", "DEPOSITED", "SEEN_BY_CL", "ACTIVE",
        "EXIT_REQUESTED", "EXITED", "SETTLING", "SETTLED");
    assertThat(seat.path("operations").valueStream().map(o -> o.path("kind").asString())).containsExactly(
        "DEPLOY_VAULT", "ADD_ALLOWLIST_INTENT", "DEPOSIT", "TRIGGER_EXIT", "PROPOSE_SETTLEMENT", "FINALIZE_SETTLEMENT");
    assertThat(seat.path("operations").valueStream().map(o -> o.path("status").asString())).containsOnly("CONFIRMED");
  }

  @Test
  void aDepositAfterSomeoneElsesDepositForTheSamePubkeyIsRefused() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = createSeat(key, "op-frontrun");
    String vault = vaultOf(id);
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    HttpResponse<String> approve = bed.post("/v1/seats/" + id + "/approve", "", false);
    bed.execute(json(approve).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");

    // someone else gets an intent of their own and deposits first for the same pubkey
    DevnetValidatorKey.DepositData d = key.depositData(SeatChain.withdrawalCredentials(vault), 32_000_000_000L,
        bed.devnet.genesisForkVersion());
    String depositor = bed.devnet.depositor().getAddress();
    bed.devnet.ops().viaRouter(bed.devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT_FOR, AbiCall.bytes(d.pubkey()), AbiCall.bytes(d.withdrawalCredentials()),
            AbiCall.uint64(d.amountGwei()), AbiCall.address(depositor)));
    bed.devnet.ops().deposit(bed.devnet.depositor(), d);

    long ops = operationCount();
    HttpResponse<String> r = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(r)).isEqualTo("DEPOSIT_FRONT_RUN");
    assertThat(r.body()).contains("DepositEvent for this pubkey");
    assertThat(operationCount()).isEqualTo(ops);
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    // and once the beacon chain has it, it says so too
    bed.devnet.advanceEpochs(1);
    assertThat(bed.seats.frontRunCheck().orElseThrow().findings(Numeric.toHexString(key.pubkey())))
        .anyMatch(f -> f.startsWith("beacon endpoint cl1"));
  }

  @Test
  void aFrontRunBetweenTheRouteAndTheSignatureFailsTheDepositUnsignedAndFlagsTheSeat() throws Exception {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = createSeat(key, "op-late-frontrun");
    String vault = vaultOf(id);
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    HttpResponse<String> approve = bed.post("/v1/seats/" + id + "/approve", "", false);
    bed.execute(json(approve).path("operation").path("id").asLong());
    // the route's own front-running check passes: nobody has deposited yet
    HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(202);
    long opId = json(deposit).path("operation").path("id").asLong();

    // before the executor gets to it, someone else deposits for the same pubkey
    DevnetValidatorKey.DepositData d = key.depositData(SeatChain.withdrawalCredentials(vault), 32_000_000_000L,
        bed.devnet.genesisForkVersion());
    String depositor = bed.devnet.depositor().getAddress();
    bed.devnet.ops().viaRouter(bed.devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT_FOR, AbiCall.bytes(d.pubkey()), AbiCall.bytes(d.withdrawalCredentials()),
            AbiCall.uint64(d.amountGwei()), AbiCall.address(depositor)));
    bed.devnet.ops().deposit(bed.devnet.depositor(), d);
    long depositsBefore = bed.devnet.ops().depositCount();

    bed.executor.tick();
    org.centurion.seatmanager.ops.Operation op = bed.operations.find(opId).orElseThrow();
    assertThat(op.status()).isEqualTo(org.centurion.seatmanager.ops.OperationStatus.FAILED);
    assertThat(op.lastError()).hasValueSatisfying(e -> assertThat(e).contains("DEPOSIT_FRONT_RUN"));
    long intents = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM tx_intents WHERE operation_id = :o").bind("o", opId).mapTo(Long.class).one());
    assertThat(intents).as("nothing was signed for the refused deposit").isZero();
    assertThat(bed.devnet.ops().depositCount()).isEqualTo(depositsBefore);
    assertThat(bed.state(id)).isEqualTo("EXCEPTION");
  }

  /**
   * Issue 20: the deposit watcher saw the front-run first and flagged the seat, so the refusal finds
   * the seat already in EXCEPTION. The deposit fails at once, unsigned, and another seat's deposit
   * queued after it confirms (before, every tick failed on "cannot move to EXCEPTION" and ended).
   */
  @Test
  void aFrontRunTheWatcherSawFirstFailsTheDepositAndAnotherSeatsDepositStillConfirms() throws Exception {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = allowlisted(key, "op-watched-frontrun");
    DevnetValidatorKey otherKey = DevnetValidatorKey.random();
    long other = allowlisted(otherKey, "op-next-in-line");
    HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(202);
    long opId = json(deposit).path("operation").path("id").asLong();

    String vault = vaultOf(id);
    DevnetValidatorKey.DepositData d = key.depositData(SeatChain.withdrawalCredentials(vault), 32_000_000_000L,
        bed.devnet.genesisForkVersion());
    String depositor = bed.devnet.depositor().getAddress();
    bed.devnet.ops().viaRouter(bed.devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT_FOR, AbiCall.bytes(d.pubkey()), AbiCall.bytes(d.withdrawalCredentials()),
            AbiCall.uint64(d.amountGwei()), AbiCall.address(depositor)));
    bed.devnet.ops().deposit(bed.devnet.depositor(), d);
    // the deposit watcher records it first, as it does for a DepositEvent for our pubkey from another sender
    bed.fx.db.jdbi().useTransaction(h -> bed.seats.transitions().toException(h, id, "front-run seen by the deposit watcher",
        Evidence.offChain("DepositEvent for this pubkey from " + depositor, "watcher:test")));
    HttpResponse<String> next = bed.post("/v1/seats/" + other + "/deposit", "", true);
    assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
    long nextOp = json(next).path("operation").path("id").asLong();

    bed.execute(nextOp);

    org.centurion.seatmanager.ops.Operation refused = bed.operations.find(opId).orElseThrow();
    assertThat(refused.status()).isEqualTo(org.centurion.seatmanager.ops.OperationStatus.FAILED);
    assertThat(refused.lastError()).hasValueSatisfying(e -> assertThat(e).contains("DEPOSIT_FRONT_RUN"));
    long intents = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM tx_intents WHERE operation_id = :o").bind("o", opId).mapTo(Long.class).one());
    assertThat(intents).as("nothing was signed for the refused deposit").isZero();
    assertThat(bed.state(id)).isEqualTo("EXCEPTION");
    assertThat(bed.state(other)).isEqualTo("DEPOSITED");
  }

  /**
   * Issue 20: ten real seats' deposits queued, five broken, one in each way: 0 front-run (the
   * watcher flagged its seat first), 1 its pre-funding check fails (its allowlist intent removed on
   * chain, the router call would revert), 2 its operations row forged (target edited, the
   * re-derivation refuses), 3 its simulation fails (its intent removed between the estimate and the
   * signature), 4 fees rise above the cap right after its intent was committed. 0 to 3 fail at
   * once, unsent, with their reasons and alerts; 4 gives its nonce back and waits, then confirms
   * when fees are under the cap again; the other five confirm, and the nonce ledger is the chain's.
   */
  @Test
  void tenQueuedDepositsBrokenEachWayLeaveTheOthersConfirmed() throws Exception {
    String router = bed.devnet.addresses().treasuryRouter();
    bed.devnet.chain().credit(router, BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(32 * 10)));
    List<DevnetValidatorKey> keys = new java.util.ArrayList<>();
    List<Long> seats = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      DevnetValidatorKey key = DevnetValidatorKey.random();
      keys.add(key);
      seats.add(allowlisted(key, "op-ten-" + i + "-" + System.nanoTime()));
    }
    List<Long> ops = new java.util.ArrayList<>();
    for (long seat : seats) {
      HttpResponse<String> r = bed.post("/v1/seats/" + seat + "/deposit", "", true);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      ops.add(json(r).path("operation").path("id").asLong());
    }
    // 0: front-run, seen by the deposit watcher first
    DevnetValidatorKey.DepositData d0 = keys.get(0).depositData(SeatChain.withdrawalCredentials(vaultOf(seats.get(0))),
        32_000_000_000L, bed.devnet.genesisForkVersion());
    String depositor = bed.devnet.depositor().getAddress();
    bed.devnet.ops().viaRouter(bed.devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.ADD_ALLOWED_DEPOSIT_FOR, AbiCall.bytes(d0.pubkey()), AbiCall.bytes(d0.withdrawalCredentials()),
            AbiCall.uint64(d0.amountGwei()), AbiCall.address(depositor)));
    bed.devnet.ops().deposit(bed.devnet.depositor(), d0);
    bed.fx.db.jdbi().useTransaction(h -> bed.seats.transitions().toException(h, seats.get(0), "front-run seen by the watcher",
        Evidence.offChain("DepositEvent for this pubkey from " + depositor, "watcher:test")));
    // 1: its allowlist intent removed on chain, so the router's deposit call reverts in simulation
    DevnetValidatorKey.DepositData d1 = keys.get(1).depositData(SeatChain.withdrawalCredentials(vaultOf(seats.get(1))),
        32_000_000_000L, bed.devnet.genesisForkVersion());
    bed.devnet.ops().viaRouter(bed.devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.REMOVE_ALLOWED_DEPOSIT_FOR, AbiCall.bytes(d1.pubkey()), AbiCall.bytes(d1.withdrawalCredentials()),
            AbiCall.uint64(d1.amountGwei()), AbiCall.address(router)));

    // 2: a forged edit of its operations row, the deposit now paid to an outside address
    bed.fx.db.jdbi().useHandle(h -> h.createUpdate("UPDATE operations SET target = :t WHERE id = :id")
        .bind("t", STRANGER).bind("id", ops.get(2)).execute());
    // 3: the estimate passes, then its allowlist intent is removed before the signature: the simulation reverts
    DevnetValidatorKey.DepositData d3 = keys.get(3).depositData(SeatChain.withdrawalCredentials(vaultOf(seats.get(3))),
        32_000_000_000L, bed.devnet.genesisForkVersion());
    // 4: fees rise above the cap right after its intent was committed (the process stops there)
    bed.probe.set((point, intentId) -> {
      if (point != org.centurion.seatmanager.ops.PipelineProbe.Point.AFTER_INTENT_COMMITTED) {
        return;
      }
      long op = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT operation_id FROM tx_intents WHERE id = :i")
          .bind("i", intentId).mapTo(Long.class).one());
      if (op == ops.get(3)) {
        bed.devnet.ops().viaRouter(bed.devnet.addresses().depositContract(), BigInteger.ZERO,
            AbiCall.encode(Sig.REMOVE_ALLOWED_DEPOSIT_FOR, AbiCall.bytes(d3.pubkey()), AbiCall.bytes(d3.withdrawalCredentials()),
                AbiCall.uint64(d3.amountGwei()), AbiCall.address(router)));
      } else if (op == ops.get(4)) {
        bed.probe.set(org.centurion.seatmanager.ops.PipelineProbe.NONE);
        nextBaseFeeGwei(2_000);
        throw new IllegalStateException("simulated crash after the intent of the fee-broken deposit");
      }
    });
    try {
      for (int tick = 0; tick < 3; tick++) {
        tickSurvivingTheSimulatedCrash();
      }
      org.centurion.seatmanager.ops.Operation waiting = bed.operations.find(ops.get(4)).orElseThrow();
      assertThat(waiting.status()).isEqualTo(org.centurion.seatmanager.ops.OperationStatus.QUEUED);
      assertThat(waiting.lastError()).hasValueSatisfying(e -> assertThat(e).containsAnyOf("waiting for fees", "exceeds the cap"));
      long held = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tx_intents WHERE operation_id = :o")
          .bind("o", ops.get(4)).mapTo(Long.class).one());
      assertThat(held).as("the deposit waiting for fees holds no nonce").isZero();
    } finally {
      bed.probe.set(org.centurion.seatmanager.ops.PipelineProbe.NONE);
      nextBaseFeeGwei(1);
    }
    bed.clockOffset.updateAndGet(o -> o.plus(Duration.ofMinutes(1))); // past the fee wait's retry
    for (int tick = 0; tick < 20 && ops.stream().anyMatch(o -> !bed.operations.find(o).orElseThrow().status().isFinal()); tick++) {
      bed.executor.tick();
    }

    org.centurion.seatmanager.ops.Operation frontRun = bed.operations.find(ops.get(0)).orElseThrow();
    assertThat(frontRun.status()).isEqualTo(org.centurion.seatmanager.ops.OperationStatus.FAILED);
    assertThat(frontRun.lastError()).hasValueSatisfying(e -> assertThat(e).contains("DEPOSIT_FRONT_RUN"));
    assertThat(bed.state(seats.get(0))).isEqualTo("EXCEPTION");
    org.centurion.seatmanager.ops.Operation reverts = bed.operations.find(ops.get(1)).orElseThrow();
    assertThat(reverts.status()).isEqualTo(org.centurion.seatmanager.ops.OperationStatus.FAILED);
    assertThat(reverts.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("would revert:"));
    assertThat(bed.state(seats.get(1))).isEqualTo("ALLOWLISTED");
    Map<Integer, String> refusals = Map.of(2, "STORED_CALL_DIFFERS", 3, "SIMULATION_REVERTED");
    for (var r : refusals.entrySet()) {
      org.centurion.seatmanager.ops.Operation op = bed.operations.find(ops.get(r.getKey())).orElseThrow();
      assertThat(op.status()).as("deposit %s", r.getKey()).isEqualTo(org.centurion.seatmanager.ops.OperationStatus.FAILED);
      assertThat(op.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith(r.getValue()));
      assertThat(alertKinds(seats.get(r.getKey()))).as("alerts of seat %s", r.getKey()).contains("TREASURY_CALL_REFUSED");
    }
    assertThat(bed.state(seats.get(3))).isEqualTo("ALLOWLISTED");
    for (int i : List.of(0, 1)) {
      assertThat(alertKinds(seats.get(i))).as("alerts of seat %s", i).isNotEmpty();
    }
    assertThat(bed.devnet.chain().balance(STRANGER)).isZero();
    for (int i = 4; i < 10; i++) {
      assertThat(bed.operations.find(ops.get(i)).orElseThrow().status()).as("deposit %s", i)
          .isEqualTo(org.centurion.seatmanager.ops.OperationStatus.CONFIRMED);
      assertThat(bed.state(seats.get(i))).as("seat %s", i).isEqualTo("DEPOSITED");
    }
    long unsigned = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM tx_attempts a JOIN tx_intents i ON i.id = a.intent_id WHERE i.operation_id IN (<ops>)")
        .bindList("ops", ops.subList(0, 4)).mapTo(Long.class).one());
    assertThat(unsigned).as("nothing was signed for the four failed deposits").isZero();
    long chainNonce = bed.devnet.web3j().ethGetTransactionCount(bed.executor.sender(),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
    assertThat(bed.executor.ledgerNextNonce()).contains(chainNonce);
  }

  static final String STRANGER = "0x0000000000000000000000000000000000bad000";

  private void tickSurvivingTheSimulatedCrash() {
    try {
      bed.executor.tick();
    } catch (IllegalStateException e) {
      assertThat(e).hasMessageContaining("simulated crash");
    }
  }

  private List<String> alertKinds(long seatId) {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT kind FROM alerts WHERE seat_id = :s").bind("s", seatId)
        .mapTo(String.class).list());
  }

  /** The base fee of the next block (anvil), then that block mined. */
  private static void nextBaseFeeGwei(long gwei) {
    try {
      var r = new org.web3j.protocol.core.Request<>("anvil_setNextBlockBaseFeePerGas",
          List.of("0x" + BigInteger.valueOf(gwei).multiply(BigInteger.TEN.pow(9)).toString(16)),
          new org.web3j.protocol.http.HttpService(bed.devnet.rpcUrl()), org.centurion.seatmanager.devnet.AnvilControl.ObjectResponse.class)
          .send();
      assertThat(r.hasError()).as(() -> r.getError().getMessage()).isFalse();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    bed.devnet.chain().mine();
  }

  /** created, deposit data uploaded, approved and executed: the seat in ALLOWLISTED. */
  private long allowlisted(DevnetValidatorKey key, String operator) {
    long id = createSeat(key, operator);
    String vault = vaultOf(id);
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    HttpResponse<String> approve = bed.post("/v1/seats/" + id + "/approve", "", false);
    bed.execute(json(approve).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    return id;
  }

  @Test
  void revokeRemovesAnActiveIntentAndOnlyThenRevokes() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = createSeat(key, "op-revoke");
    String vault = vaultOf(id);
    bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()), false);
    bed.execute(json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    HttpResponse<String> revoke = bed.post("/v1/seats/" + id + "/revoke", "", true);
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(202);
    assertThat(json(revoke).path("operation").path("kind").asString()).isEqualTo("REMOVE_ALLOWLIST_INTENT");
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    bed.execute(json(revoke).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("REVOKED");
    DevnetValidatorKey.DepositData d = key.depositData(SeatChain.withdrawalCredentials(vault), 32_000_000_000L,
        bed.devnet.genesisForkVersion());
    assertThat(bed.devnet.ops().isAllowed(d, bed.devnet.addresses().treasuryRouter())).isFalse();
    HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(SecurityFixture.code(deposit)).isEqualTo("INVALID_STATE");
    assertThat(deposit.body()).contains("REVOKED");

    // a seat without an intent is revoked at once
    long other = createSeat(DevnetValidatorKey.random(), "op-revoke-2");
    HttpResponse<String> now = bed.post("/v1/seats/" + other + "/revoke", "", true);
    assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
    assertThat(bed.state(other)).isEqualTo("REVOKED");
  }

  @Test
  void stakersReadTheirOwnValidatorsOnly() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = createSeat(key, "op-staker");
    String pubkey = Numeric.toHexString(key.pubkey());
    String mine = bed.fx.stakerKeys.create(BENEFICIARY, "mine", Optional.empty(), "test").secret();
    String other = DevnetAccounts.account(7).getAddress();
    String theirs = bed.fx.stakerKeys.create(other, "theirs", Optional.empty(), "test").secret();
    HttpResponse<String> ok = bed.api.send(bed.fx.bearer("/v1/validator/" + pubkey, mine)
        .header(SecurityGuard.STAKER_ADDRESS_HEADER, BENEFICIARY).GET().build());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).path("seatId").asLong()).isEqualTo(id);
    assertThat(json(ok).path("vaultBalanceWei").asString()).isEqualTo("0");
    HttpResponse<String> notTheirs = bed.api.send(bed.fx.bearer("/v1/validator/" + pubkey, theirs)
        .header(SecurityGuard.STAKER_ADDRESS_HEADER, other).GET().build());
    assertThat(notTheirs.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(notTheirs)).isEqualTo("STAKER_ADDRESS_MISMATCH");
    HttpResponse<String> list = bed.api.send(bed.fx.bearer("/v1/validators/" + BENEFICIARY, mine)
        .header(SecurityGuard.STAKER_ADDRESS_HEADER, BENEFICIARY).GET().build());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).path("items").valueStream().map(n -> n.path("pubkey").asString())).contains(pubkey);
  }

  @Test
  void generateMakesKeyVaultDepositDataAndSeatAsOneUnitAndNeverReusesAnIndex(@TempDir Path dir) throws Exception {
    TestKeyProcess keyFiles = new TestKeyProcess(dir, bed.api.env().get("SEAT_MANAGER_GENESIS_FORK_VERSION"));
    Path mnemonic = keyFiles.mnemonic;
    // the deployment's configuration plus the key process's socket: the composition root builds its client
    Map<String, String> env = new java.util.HashMap<>(bed.api.env());
    env.put(org.centurion.seatmanager.config.ConfigLoader.KEYS_SOCKET, keyFiles.socket.toString());
    Config config = ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
    try (KeyProcess keys = keyFiles.startInProcess();
        Components managedKeys = Components.over(config, bed.fx.db, Clock.systemUTC());
        ApiServer server = new ApiServer(RouteRegistry.seats(managedKeys.seats()), managedKeys.security().guard(), false)
            .start("127.0.0.1", 0)) {
      String body = "{\"operatorId\":\"op-managed\",\"beneficiary\":\"" + BENEFICIARY + "\"}";
      HttpResponse<String> first = generate(server, body, "k-generate-1");
      assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
      assertThat(generate(server, body, "k-generate-1").body()).as("replay").isEqualTo(first.body());
      long index = json(first).path("keyIndex").asLong();
      String pubkey = json(first).path("pubkey").asString();
      String keystore = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
          "SELECT keystore FROM seat_bls_material WHERE key_index = :i").bind("i", index).mapTo(String.class).one());
      // PBKDF2: scrypt at the deposit CLI's cost needs the launcher's whole heap
      assertThat(SecurityFixture.JSON.readTree(keystore).path("crypto").path("kdf").path("function").asString())
          .isEqualTo("pbkdf2");
      assertThat(SecurityFixture.JSON.readTree(keystore).path("pubkey").asString()).isEqualTo(pubkey.substring(2));
      String sealed = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
          "SELECT sealed_password FROM seat_bls_material WHERE key_index = :i").bind("i", index).mapTo(String.class).one());
      assertThat(sealed).as("only sealed in the database").startsWith("v1:");

      // a failure of the key process answers MANAGED_KEYS_UNAVAILABLE and hands no key out; the next key is a new one
      Files.setPosixFilePermissions(mnemonic, PosixFilePermissions.fromString("rw-rw-rw-"));
      String body2 = "{\"operatorId\":\"op-managed-2\",\"beneficiary\":\"" + BENEFICIARY + "\"}";
      HttpResponse<String> broken = generate(server, body2, "k-generate-2");
      assertThat(SecurityFixture.code(broken)).as(broken.body()).isEqualTo("MANAGED_KEYS_UNAVAILABLE");
      Files.setPosixFilePermissions(mnemonic, PosixFilePermissions.fromString("rw-------"));
      HttpResponse<String> next = generate(server, body2, "k-generate-3");
      assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
      assertThat(json(next).path("keyIndex").asLong()).as("no index was reserved by the failed request").isEqualTo(index + 1);
      assertThat(json(next).path("pubkey").asString()).isNotEqualTo(pubkey);

      // the seat appears, already DATA_VERIFIED, once the vault is confirmed and verified; then it is funded as any other
      bed.execute(json(first).path("operation").path("id").asLong());
      long id = bed.seatOf(pubkey);
      assertThat(bed.state(id)).isEqualTo("DATA_VERIFIED");

      // keys export: the keystore and its own password, to new mode-600 files; they open this seat's key
      Path envFile = secretFile(dir, "env", String.join("\n",
          "DATABASE_URL=" + bed.api.env().get("DATABASE_URL"),
          "SESSION_HMAC_SECRET=" + bed.api.env().get("SESSION_HMAC_SECRET"),
          "STEP_UP_HMAC_SECRET=" + bed.api.env().get("STEP_UP_HMAC_SECRET"), "SEAT_MANAGER_ENV=development"));
      Path exported = dir.resolve("keystore.json");
      // someone with write access to the database copies another key's sealed password (or keystore) onto this
      // seat's row: export hands out nothing, and the refusal is on record
      long nextIndex = json(next).path("keyIndex").asLong();
      String copySealed = "UPDATE seat_bls_material SET sealed_password = "
          + "(SELECT sealed_password FROM seat_bls_material WHERE key_index = ?) WHERE key_index = ?";
      String copyKeystore = "UPDATE seat_bls_material SET keystore = "
          + "(SELECT keystore FROM seat_bls_material WHERE key_index = ?) WHERE key_index = ?";
      String[] export = {"keys", "export", "--seat", Long.toString(id), "--out", exported.toString(),
          "--env-file", envFile.toString(), "--seal-key-file", keyFiles.sealKey.toString()};
      bed.fx.db.jdbi().useHandle(h -> h.execute(copySealed, nextIndex, index));
      assertThat(Main.run(export)).isEqualTo(1);
      assertThat(exported).as("nothing written for a swapped sealed password").doesNotExist();
      bed.fx.db.jdbi().useHandle(h -> h.execute("UPDATE seat_bls_material SET sealed_password = ? WHERE key_index = ?",
          sealed, index));
      bed.fx.db.jdbi().useHandle(h -> h.execute(copyKeystore, nextIndex, index));
      assertThat(Main.run(export)).isEqualTo(1);
      assertThat(exported).as("nothing written for a swapped keystore").doesNotExist();
      bed.fx.db.jdbi().useHandle(h -> h.execute("UPDATE seat_bls_material SET keystore = ? WHERE key_index = ?",
          keystore, index));
      // the whole managed-key row of the other key (keystore, sealed password, pubkey, path: consistent among
      // themselves) moved onto this seat: export must not hand this seat's operator another validator's key
      String ownPath = bed.fx.db.jdbi().withHandle(h -> h.createQuery(
          "SELECT key_path FROM seat_bls_material WHERE key_index = :i").bind("i", index).mapTo(String.class).one());
      String otherPubkey = json(next).path("pubkey").asString();
      bed.fx.db.jdbi().useTransaction(h -> {
        // pubkey is unique: the other row gives its pubkey up first
        h.execute("UPDATE seat_bls_material SET pubkey = '0x' || repeat('0', 96) WHERE key_index = ?", nextIndex);
        h.execute("UPDATE seat_bls_material m SET (pubkey, key_path, keystore, sealed_password) = (SELECT ?, o.key_path, "
            + "o.keystore, o.sealed_password FROM seat_bls_material o WHERE o.key_index = ?) WHERE m.key_index = ?",
            otherPubkey, nextIndex, index);
      });
      assertThat(Main.run(export)).isEqualTo(1);
      assertThat(exported).as("nothing written for another seat's whole key row").doesNotExist();
      bed.fx.db.jdbi().useTransaction(h -> {
        h.execute("UPDATE seat_bls_material SET pubkey = ?, key_path = ?, keystore = ?, sealed_password = ? "
            + "WHERE key_index = ?", pubkey, ownPath, keystore, sealed, index);
        h.execute("UPDATE seat_bls_material SET pubkey = ? WHERE key_index = ?", otherPubkey, nextIndex);
      });
      List<String> refusals = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT reason FROM audit_log WHERE "
          + "action = 'keys.export' AND result = 'FAILED' AND target = :t ORDER BY id").bind("t", "seat:" + id)
          .mapTo(String.class).list());
      assertThat(refusals).containsExactly("SEAL_MISMATCH", "KEYSTORE_PASSWORD_MISMATCH", "KEY_NOT_THE_SEATS");
      assertThat(Main.run("keys", "export", "--seat", Long.toString(id), "--out", exported.toString(),
          "--env-file", envFile.toString(), "--seal-key-file", keyFiles.sealKey.toString())).isZero();
      Path exportedPassword = dir.resolve("keystore.json.password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exportedPassword))).isEqualTo("rw-------");
      assertThat(Files.readString(exported)).isEqualTo(keystore);
      assertThat(Files.readString(exportedPassword)).matches("[0-9a-f]{64}");
      byte[] secret = org.centurion.seatmanager.deposit.Eip2335Keystore.decrypt(Files.readString(exported),
          Files.readString(exportedPassword));
      assertThat(org.centurion.seatmanager.deposit.Hex.encodePrefixed(org.centurion.seatmanager.deposit.Bls.publicKeyOf(
          new supranational.blst.SecretKey() {{ from_bendian(secret); }}))).isEqualTo(pubkey);
      assertThat(Main.run("keys", "export", "--seat", Long.toString(id), "--out", exported.toString(),
          "--env-file", envFile.toString(), "--seal-key-file", keyFiles.sealKey.toString()))
          .as("never over an existing file").isEqualTo(1);
      assertThat(Main.run("seat", "show", "--id", Long.toString(id), "--env-file", envFile.toString())).isZero();

      bed.execute(json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong());
      HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true);
      assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(202);
      bed.execute(json(deposit).path("operation").path("id").asLong());
      assertThat(bed.state(id)).isEqualTo("DEPOSITED");
      bed.devnet.advanceEpochs(1);
      assertThat(beaconStatus(pubkey)).as("the beacon chain accepted the managed key's signature")
          .isEqualTo("pending_initialized");
      bed.execute(json(next).path("operation").path("id").asLong());
    }
  }

  private static HttpResponse<String> generate(ApiServer server, String body, String key) {
    return bed.api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + server.port() + "/v1/seats/generate"))
        .header("Authorization", "Bearer " + bed.adminToken)
        .header(org.centurion.seatmanager.auth.StepUpService.HEADER, bed.stepUpFor("POST /v1/seats/generate"))
        .header("Idempotency-Key", key).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static Path secretFile(Path dir, String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  @Test
  void theConsolesSeatActionsDriveASeatToSettledThroughTheSameCommands() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String pubkey = Numeric.toHexString(key.pubkey());
    // issue 17: the seat is created in the console too; a treasury field in the form is refused as by the API
    HttpResponse<String> forged = bed.consoleForm("/console/seats", java.util.Map.of("operatorId", "op-console",
        "beneficiary", BENEFICIARY, "pubkey", pubkey, "router", "0x" + "66".repeat(20)));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).contains("data-error-code=\"TREASURY_NOT_ALLOWED\"");
    HttpResponse<String> created = bed.consoleForm("/console/seats", java.util.Map.of("operatorId", "op-console",
        "beneficiary", BENEFICIARY, "pubkey", pubkey));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    assertThat(created.body()).contains("is being deployed (operation ");
    java.util.regex.Matcher op = java.util.regex.Pattern.compile("operation (\\d+)\\)").matcher(created.body());
    assertThat(op.find()).isTrue();
    bed.execute(Long.parseLong(op.group(1)));
    long id = bed.seatOf(pubkey);
    assertThat(bed.state(id)).isEqualTo("CREATED");
    String vault = vaultOf(id);
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);

    HttpResponse<String> approve = bed.consoleForm("/console/seats/" + id + "/approve", java.util.Map.of());
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
    assertThat(approve.body()).contains("queued as operation", "ADD_ALLOWLIST_INTENT");
    bed.execute(bed.newestOperation(id));
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");

    HttpResponse<String> deposit = bed.consoleAction(id, "deposit");
    assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(202);
    bed.execute(bed.newestOperation(id));
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");

    bed.devnet.advanceEpochs(1);
    watcherMove(id, SeatState.DEPOSITED, SeatState.SEEN_BY_CL);
    bed.devnet.advanceEpochs(3);
    watcherMove(id, SeatState.SEEN_BY_CL, SeatState.ACTIVE);
    HttpResponse<String> early = bed.consoleAction(id, "force-exit");
    assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
    assertThat(early.body()).contains("data-error-code=\"EXIT_TOO_EARLY\"");
    long firstAllowed = json(bed.post("/v1/seats/" + id + "/force-exit", "", true)).path("error").path("details").get(0)
        .path("firstAllowedEpoch").asLong();
    bed.devnet.advanceEpochs(firstAllowed - bed.devnet.beacon().currentEpoch());
    HttpResponse<String> exit = bed.consoleAction(id, "force-exit");
    assertThat(exit.statusCode()).as(exit.body()).isEqualTo(202);
    bed.execute(bed.newestOperation(id));
    assertThat(bed.state(id)).isEqualTo("EXIT_REQUESTED");
    for (int i = 0; i < 12 && !beaconStatus(pubkey).equals("withdrawal_done"); i++) {
      bed.devnet.advanceEpochs(1);
    }
    watcherMove(id, SeatState.EXIT_REQUESTED, SeatState.EXITED);

    HttpResponse<String> settle = bed.consoleAction(id, "settle");
    assertThat(settle.statusCode()).as(settle.body()).isEqualTo(202);
    bed.execute(bed.newestOperation(id));
    assertThat(bed.state(id)).isEqualTo("SETTLING");
    bed.advanceChainTime(Duration.ofHours(1));
    bed.execute(bed.newestOperation(id));
    assertThat(bed.state(id)).isEqualTo("SETTLED");
    List<String> actions = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE target = :t "
        + "AND result = 'SUCCESS' AND action <> 'seat.deposit_data' ORDER BY id").bind("t", "seat:" + id).mapTo(String.class).list());
    // each console action audited once as its API route's action (the one API force-exit above was refused)
    assertThat(actions).containsExactly("seat.approve", "seat.deposit", "seat.force_exit", "seat.settle");
  }

  private static long activeSeat(DevnetValidatorKey key, String operator) {
    return bed.activeSeat(key, operator);
  }

  /** Issue 20, at the executor: endpoints that start disagreeing after the exit was queued get nothing signed. */
  @Test
  void aQueuedExitIsNotSignedWhileTheBeaconEndpointsDisagreeAndIsSentOnceTheyAgree() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    long id = activeSeat(key, "op-exit-wait");
    long firstAllowed = json(bed.post("/v1/seats/" + id + "/force-exit", "", true)).path("error").path("details").get(0)
        .path("firstAllowedEpoch").asLong();
    bed.devnet.advanceEpochs(Math.max(0, firstAllowed - bed.devnet.beacon().currentEpoch()));
    HttpResponse<String> exit = bed.post("/v1/seats/" + id + "/force-exit", "", true);
    assertThat(exit.statusCode()).as(exit.body()).isEqualTo(202);
    long opId = json(exit).path("operation").path("id").asLong();

    bed.devnet.beaconEndpoints().get(0).behave(new EndpointBehaviour.EarlyActivation());
    try {
      bed.executor.tick();
      var op = bed.operations.find(opId).orElseThrow();
      assertThat(op.status().name()).isEqualTo("QUEUED");
      assertThat(op.lastError().orElseThrow()).contains("ENDPOINTS_DISAGREE").contains("activated at epoch 0");
      long intents = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tx_intents WHERE operation_id = :o")
          .bind("o", opId).mapTo(Long.class).one());
      assertThat(intents).as("nothing signed").isZero();
    } finally {
      bed.devnet.beaconEndpoints().get(0).behave(EndpointBehaviour.honest());
    }
    bed.advanceChainTime(Duration.ofSeconds(2)); // past the executor's retry delay
    bed.execute(opId);
    assertThat(bed.state(id)).isEqualTo("EXIT_REQUESTED");
  }

  /** Issue 20: a first beacon endpoint that reports activation at epoch 0 must not get a force-exit sent early. */
  @Test
  void aLyingFirstBeaconEndpointGetsNoExitSentWhileTheEndpointsDisagree() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String pubkey = Numeric.toHexString(key.pubkey());
    long id = activeSeat(key, "op-liar");
    long before = operationCount();
    bed.devnet.beaconEndpoints().get(0).behave(new EndpointBehaviour.EarlyActivation());
    try {
      HttpResponse<String> lied = bed.post("/v1/seats/" + id + "/force-exit", "", true);
      assertThat(lied.statusCode()).as(lied.body()).isEqualTo(503);
      assertThat(SecurityFixture.code(lied)).isEqualTo("BEACON_ENDPOINTS_DISAGREE");
      assertThat(lied.body()).contains("activated at epoch 0");
    } finally {
      bed.devnet.beaconEndpoints().get(0).behave(EndpointBehaviour.honest());
    }
    assertThat(operationCount()).as("no exit operation queued, nothing signed").isEqualTo(before);
    assertThat(bed.state(id)).isEqualTo("ACTIVE");
    // honest again: the true answer, too early
    assertThat(SecurityFixture.code(bed.post("/v1/seats/" + id + "/force-exit", "", true))).isEqualTo("EXIT_TOO_EARLY");

    // while the CL watcher reports conflicting finality, no exit either
    var alerts = new org.centurion.seatmanager.alerts.AlertService(bed.fx.db.jdbi(), Clock.systemUTC());
    var conflict = org.centurion.seatmanager.alerts.AlertSignal.global(org.centurion.seatmanager.alerts.AlertKind.FINALITY_CONFLICT,
        org.centurion.seatmanager.alerts.Severity.CRITICAL, "CL:cl1", "test: two roots for one finalized epoch");
    alerts.raise("cl-endpoints", conflict);
    try {
      HttpResponse<String> held = bed.post("/v1/seats/" + id + "/force-exit", "", true);
      assertThat(held.statusCode()).isEqualTo(503);
      assertThat(SecurityFixture.code(held)).isEqualTo("FINALITY_CONFLICT");
    } finally {
      alerts.resolve("cl-endpoints", conflict.dedupeKey());
    }
    assertThat(operationCount()).isEqualTo(before);
  }

  private static Object beaconStatus(String pubkey) {
    return bed.beaconStatus(pubkey);
  }

  private static void watcherMove(long id, SeatState from, SeatState to) {
    bed.watcherMove(id, from, to);
  }
}
