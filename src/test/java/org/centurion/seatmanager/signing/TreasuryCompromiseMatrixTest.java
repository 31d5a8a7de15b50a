package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.abi.TreasuryAbi;
import org.centurion.seatmanager.abi.VaultCreationCode;
import org.centurion.seatmanager.abi.VaultDerivation;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.centurion.seatmanager.signing.SignerModes.Mode;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 12's compromise matrix, part one: an attacker with code execution next to the signer
 * sends it arbitrary sign requests, in each signer mode (the local key and the fake KMS behind
 * the production {@link TreasurySigners} composition, and the isolated signer as a real child
 * process), on anvil with the reference contracts. Whatever it asks, the router's balance moves
 * only into the deposit contract, with credentials of a vault our factory deployed; each refusal
 * carries its stable code and is recorded. One devnet for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreasuryCompromiseMatrixTest {
  private static final int DAILY_LIMIT = 3;
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger CTN = BigInteger.TEN.pow(18);
  private static final BigInteger EXIT_FEE_CAP = BigInteger.TEN.pow(16);
  private static final String BENEFICIARY = "0x000000000000000000000000000000000000bef1";
  private static final String STRANGER = "0x0000000000000000000000000000000000bad000";

  private Devnet devnet;
  private String router;
  private String factory;
  private String depositContract;
  private VaultDerivation vaults;
  private String keyHex;
  private final Map<Mode, TreasurySigner> signers = new EnumMap<>(Mode.class);
  private final Map<Mode, Database> ledgers = new EnumMap<>(Mode.class);
  private final Map<Mode, org.centurion.seatmanager.config.DatabaseUrl> ledgerUrls = new EnumMap<>(Mode.class);
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private SignerModes modes;
  private Path signerDir;
  private ListAppender<ILoggingEvent> policyLogs;

  @BeforeAll
  void startDevnetAndSigners() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
    router = devnet.addresses().treasuryRouter();
    factory = devnet.addresses().vaultFactory();
    depositContract = devnet.addresses().depositContract();
    devnet.transactor().send(devnet.allowlistAdmin(), depositContract, BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, AbiCall.address(router)));
    devnet.ops().viaRouter(depositContract, BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_ALLOWLIST_ADMIN));
    vaults = new VaultDerivation(factory, router, devnet.addresses().principalDestination(), VaultCreationCode.reference());
    keyHex = Numeric.toHexStringNoPrefixZeroPadded(devnet.treasurySigner().getEcKeyPair().getPrivateKey(), 64);
    policyLogs = new ListAppender<>();
    policyLogs.start();
    ((Logger) LoggerFactory.getLogger(PolicyCheckedSigner.class)).addAppender(policyLogs);
    modes = new SignerModes(devnet, chain());
    signerDir = modes.signerDir();
    for (Mode m : Mode.values()) {
      signers.put(m, open(m));
    }
  }

  @AfterAll
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(PolicyCheckedSigner.class)).detachAppender(policyLogs);
    modes.close();
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    devnet.close();
  }

  /** Opens the mode's signer as production does; calling it again is a restart over the same durable state. */
  private TreasurySigner open(Mode mode) throws Exception {
    return modes.open(mode, ledger(mode).jdbi());
  }

  private Database ledger(Mode mode) {
    return ledgers.computeIfAbsent(mode, m -> {
      org.centurion.seatmanager.config.DatabaseUrl url = TestDatabases.fresh();
      ledgerUrls.put(m, url);
      Database db = Database.open(url, "matrix", 4);
      new Migrations(db.dataSource()).migrate();
      closeables.add(db);
      return db;
    });
  }

  private Config.Chain chain() {
    return new Config.Chain(286, List.of(), List.of(), 1, Optional.of(depositContract), Optional.of(factory), Optional.of(router),
        Optional.of(devnet.addresses().principalDestination()), Optional.empty(), Optional.empty(), Optional.empty(), 1, 500,
        EXIT_FEE_CAP, false, DAILY_LIMIT, Optional.empty());
  }

  // ------------------------------------------------------------------------------------- the matrix

  @ParameterizedTest
  @EnumSource(Mode.class)
  void signRequestsFromACompromisedProcessCanOnlyFundGenuineVaults(Mode mode) throws Exception {
    TreasurySigner signer = signers.get(mode);
    assertThat(signer.address()).isEqualToIgnoringCase(devnet.treasurySigner().getAddress());
    BigInteger routerBefore = balance(router);
    BigInteger depositBefore = balance(depositContract);
    long depositLogsFrom = devnet.chain().blockNumber() + 1;

    // What the protocol needs still works: deploy a vault, allowlist its intent, deposit 32 CTN.
    byte[] pubkey = randomPubkey();
    SigningJustification why = SigningJustification.of(pubkey, BENEFICIARY);
    send(signer, execute(factory, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, BENEFICIARY)), SigningJustification.NONE);
    String vault = vaults.vaultFor(pubkey, BENEFICIARY);
    assertThat(devnet.ops().vaultFor(pubkey)).isEqualToIgnoringCase(vault);
    byte[] wc = VaultDerivation.credentialsOf(vault);
    send(signer, execute(depositContract, BigInteger.ZERO, TreasuryAbi.addAllowedDepositFor(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI,
        router)), why);
    byte[] signature = random(96);
    send(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, depositCall(pubkey, wc, signature)), why);

    // What an attacker asks for is refused before the key is used.
    byte[] other = randomPubkey();
    SigningJustification otherWhy = SigningJustification.of(other, BENEFICIARY);
    byte[] otherWc = vaults.credentialsFor(other, BENEFICIARY);
    refused(signer, execute(STRANGER, CTN, "0x"), why, SigningErrorCode.POLICY_INNER_TARGET_NOT_ALLOWED);
    refused(signer, execute(STRANGER, BigInteger.ZERO, TreasuryAbi.deposit(pubkey, wc, signature, root(pubkey, wc, signature))), why,
        SigningErrorCode.POLICY_INNER_TARGET_NOT_ALLOWED);
    refused(signer, tx(nonce(), router, CTN, execute(factory, BigInteger.ZERO, TreasuryAbi.deployVault(other, BENEFICIARY)),
        GWEI.multiply(BigInteger.valueOf(50))), why, SigningErrorCode.POLICY_VALUE_CAP);
    refused(signer, tx(nonce(), STRANGER, BigInteger.ZERO, "0x", GWEI.multiply(BigInteger.valueOf(50))), why,
        SigningErrorCode.POLICY_TARGET_NOT_ALLOWED);
    refused(signer, execute(router, BigInteger.ZERO, TreasuryAbi.proposeSignerRotation(STRANGER)), why,
        SigningErrorCode.POLICY_ROUTER_SELF_CALL);
    byte[] foreign = VaultDerivation.credentialsOf(STRANGER);
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, depositCall(other, foreign, signature)), otherWhy,
        SigningErrorCode.POLICY_CREDENTIALS_NOT_OUR_VAULT);
    byte[] bls = VaultDerivation.sha256(other);
    bls[0] = 0x00;
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, depositCall(other, bls, signature)), otherWhy,
        SigningErrorCode.POLICY_CREDENTIALS_NOT_OUR_VAULT);
    byte[] notOurFactory = new VaultDerivation(STRANGER, router, devnet.addresses().principalDestination(),
        VaultCreationCode.reference()).credentialsFor(other, BENEFICIARY);
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, depositCall(other, notOurFactory, signature)), otherWhy,
        SigningErrorCode.POLICY_CREDENTIALS_NOT_OUR_VAULT);
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI.subtract(CTN), depositCall(other, otherWc, signature)),
        otherWhy, SigningErrorCode.POLICY_INNER_VALUE);
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI.add(CTN), depositCall(other, otherWc, signature)),
        otherWhy, SigningErrorCode.POLICY_INNER_VALUE);
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, TreasuryAbi.deposit(other, otherWc, signature, random(32))),
        otherWhy, SigningErrorCode.POLICY_DEPOSIT_ROOT_MISMATCH);
    refused(signer, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, depositCall(other, otherWc, signature)),
        SigningJustification.NONE, SigningErrorCode.POLICY_JUSTIFICATION_MISSING);
    refused(signer, tx(nonce(), router, BigInteger.ZERO, execute(factory, BigInteger.ZERO, TreasuryAbi.deployVault(other, BENEFICIARY)),
        GWEI.multiply(BigInteger.valueOf(501))), why, SigningErrorCode.POLICY_FEE_CAP);
    refused(signer, execute(vault, EXIT_FEE_CAP.add(BigInteger.ONE), TreasuryAbi.triggerValidatorExit()), why,
        SigningErrorCode.POLICY_EXIT_FEE_CAP);
    refused(signer, execute(STRANGER, BigInteger.ZERO, TreasuryAbi.finalizeSettlement()), why, SigningErrorCode.POLICY_VAULT_NOT_OURS);
    refused(signer, execute(vault, BigInteger.ZERO, TreasuryAbi.finalizeSettlement()), SigningJustification.of(pubkey, STRANGER),
        SigningErrorCode.POLICY_VAULT_NOT_OURS);
    refused(signer, execute(vault, CTN, TreasuryAbi.finalizeSettlement()), why, SigningErrorCode.POLICY_INNER_VALUE);
    refused(signer, execute(depositContract, BigInteger.ZERO, Abi.encode("transferOwnership(address)",
        new org.web3j.abi.datatypes.Address(STRANGER))), why, SigningErrorCode.POLICY_CALL_NOT_ALLOWED);

    // The velocity limit: DAILY_LIMIT deposits in 24 hours, a restart does not reset it.
    for (int i = 1; i < DAILY_LIMIT; i++) {
      byte[] p = randomPubkey();
      byte[] c = vaults.credentialsFor(p, BENEFICIARY);
      signer.sign(tx(nonce(), router, BigInteger.ZERO, execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI, depositCall(p, c, signature)),
          GWEI.multiply(BigInteger.valueOf(50))), 286, SigningJustification.of(p, BENEFICIARY)); // signed, never sent
    }
    byte[] overLimit = randomPubkey();
    String overLimitCall = execute(depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI,
        depositCall(overLimit, vaults.credentialsFor(overLimit, BENEFICIARY), signature));
    SigningJustification overWhy = SigningJustification.of(overLimit, BENEFICIARY);
    refused(signer, overLimitCall, overWhy, SigningErrorCode.POLICY_DEPOSIT_VELOCITY);
    if (mode == Mode.ISOLATED_SIGNER) {
      modes.stopIsolatedSigner();
    }
    TreasurySigner restarted = open(mode);
    signers.put(mode, restarted);
    refused(restarted, overLimitCall, overWhy, SigningErrorCode.POLICY_DEPOSIT_VELOCITY);

    // On chain: the router paid exactly one deposit, into the deposit contract, for a vault our factory made.
    assertThat(balance(router)).isEqualTo(routerBefore.subtract(TreasuryAbi.SEAT_DEPOSIT_WEI));
    assertThat(balance(depositContract)).isEqualTo(depositBefore.add(TreasuryAbi.SEAT_DEPOSIT_WEI));
    List<byte[]> credentials = depositEventCredentials(depositLogsFrom);
    assertThat(credentials).hasSize(1);
    for (byte[] c : credentials) {
      String named = Numeric.toHexString(c, 12, 20, true);
      assertThat(c[0]).isEqualTo((byte) 0x01);
      assertThat(isFactoryVault(named)).as("credentials name a vault of our factory").isTrue();
    }
    assertRefusalsRecorded(mode, List.of(SigningErrorCode.POLICY_INNER_TARGET_NOT_ALLOWED, SigningErrorCode.POLICY_ROUTER_SELF_CALL,
        SigningErrorCode.POLICY_CREDENTIALS_NOT_OUR_VAULT, SigningErrorCode.POLICY_INNER_VALUE, SigningErrorCode.POLICY_DEPOSIT_VELOCITY,
        SigningErrorCode.POLICY_FEE_CAP, SigningErrorCode.POLICY_EXIT_FEE_CAP));
  }

  /**
   * An attacker with write access to the database inserts operations the executor would sign: a
   * payment to an outside address, a router self-call (signer rotation), a deposit to foreign
   * credentials for a seat that does not exist, and a vault deployment whose calldata names another
   * beneficiary than its seat request. The executor rebuilds each from the seat rows and refuses it
   * before a nonce is taken: FAILED with the code, a CRITICAL alert and a DENIED audit row, nothing
   * signed, nothing sent, nothing moved.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void forgedOperationRowsAreNeverSigned(Mode mode) throws Exception {
    Database db = ledger(mode);
    org.jdbi.v3.core.Jdbi jdbi = db.jdbi();
    ExecutorRig rig = executorRig(db, ledgerUrls.get(mode), signers.get(mode), org.centurion.seatmanager.ops.PipelineProbe.NONE);
    var seats = rig.seats();
    var executor = rig.executor();
    BigInteger routerBefore = balance(router);
    BigInteger nonceBefore = nonce();
    String decisionsBefore = mode == Mode.ISOLATED_SIGNER ? Files.readString(signerDir.resolve("decisions.jsonl")) : "";

    long payment = forgeOperation(jdbi, null, "DEPOSIT", STRANGER, CTN.multiply(BigInteger.valueOf(5)), "0x");
    long rotation = forgeOperation(jdbi, null, "FINALIZE_SETTLEMENT", router, BigInteger.ZERO,
        TreasuryAbi.proposeSignerRotation(STRANGER));
    byte[] pubkey = randomPubkey();
    long foreignDeposit = forgeOperation(jdbi, 987_654L, "DEPOSIT", depositContract, TreasuryAbi.SEAT_DEPOSIT_WEI,
        depositCall(pubkey, VaultDerivation.credentialsOf(STRANGER), random(96)));
    long editedDeploy = forgeOperation(jdbi, null, "DEPLOY_VAULT", factory, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, STRANGER));
    jdbi.useHandle(h -> seats.store().insertRequest(h, "operator-1", BENEFICIARY, Numeric.toHexString(pubkey),
        vaults.vaultFor(pubkey, BENEFICIARY), editedDeploy, "admin"));

    executor.tick();
    executor.tick();

    Map<Long, String> expected = Map.of(payment, "CALL_NOT_REDERIVABLE", rotation, "CALL_NOT_REDERIVABLE",
        foreignDeposit, "CALL_NOT_REDERIVABLE", editedDeploy, "STORED_CALL_DIFFERS");
    for (var e : expected.entrySet()) {
      Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT status, last_error FROM operations WHERE id = :id")
          .bind("id", e.getKey()).mapToMap().one());
      assertThat(row.get("status")).as("operation " + e.getKey()).isEqualTo("FAILED");
      assertThat(row.get("last_error").toString()).startsWith(e.getValue());
      assertThat(count(jdbi, "SELECT count(*) FROM alerts WHERE kind = 'TREASURY_CALL_REFUSED' AND severity = 'CRITICAL' "
          + "AND dedupe_key LIKE ?", "%operation-" + e.getKey())).as("alert for operation " + e.getKey()).isEqualTo(1L);
      assertThat(count(jdbi, "SELECT count(*) FROM audit_log WHERE action = 'treasury.refuse' AND result = 'DENIED' "
          + "AND target LIKE ? AND reason LIKE ?", "operation:" + e.getKey() + " %", e.getValue() + "%")).isEqualTo(1L);
    }
    assertThat(count(jdbi, "SELECT count(*) FROM tx_intents")).isZero();
    assertThat(nonce()).isEqualTo(nonceBefore);
    assertThat(balance(router)).isEqualTo(routerBefore);
    assertThat(balance(STRANGER)).isZero();
    if (mode == Mode.ISOLATED_SIGNER) {
      assertThat(Files.readString(signerDir.resolve("decisions.jsonl"))).isEqualTo(decisionsBefore);
    }
  }

  /**
   * Issue 12: an attacker with database access edits an intent row after it was committed (here
   * between the commit and the signature, with the process stopping there): the envelope now pays
   * an outside address. The executor checks the intent against the rebuilt call before the key is
   * asked and refuses it (INTENT_DIFFERS): FAILED, CRITICAL alert, DENIED audit row, nothing
   * signed, nothing sent, the nonce given back, and the next operation confirms.
   */
  @Test
  void anIntentRowEditedAfterItsCommitIsNeverSigned() throws Exception {
    org.centurion.seatmanager.config.DatabaseUrl url = TestDatabases.fresh();
    Database db = Database.open(url, "matrix-intent", 4);
    new Migrations(db.dataSource()).migrate();
    closeables.add(db);
    org.jdbi.v3.core.Jdbi jdbi = db.jdbi();
    String forged = execute(STRANGER, CTN, "0x");
    java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
    ExecutorRig rig = executorRig(db, url, signers.get(Mode.LOCAL_KEY), (point, intentId) -> {
      if (point == org.centurion.seatmanager.ops.PipelineProbe.Point.AFTER_INTENT_COMMITTED && armed.getAndSet(false)) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tx_intents SET calldata = :d WHERE id = :id").bind("d", forged)
            .bind("id", intentId).execute());
        throw new IllegalStateException("simulated crash after the intent commit");
      }
    });
    long edited = genuineDeployment(jdbi, rig.seats(), randomPubkey());
    BigInteger routerBefore = balance(router);
    BigInteger nonceBefore = nonce();

    assertThatThrownBy(rig.executor()::tick).hasMessageContaining("simulated crash");
    assertThat(count(jdbi, "SELECT count(*) FROM tx_intents WHERE calldata = ?", forged)).isEqualTo(1L);
    rig.executor().tick();

    Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT status, last_error FROM operations WHERE id = :id")
        .bind("id", edited).mapToMap().one());
    assertThat(row.get("status")).isEqualTo("FAILED");
    assertThat(row.get("last_error").toString()).startsWith("INTENT_DIFFERS");
    assertThat(count(jdbi, "SELECT count(*) FROM alerts WHERE kind = 'TREASURY_CALL_REFUSED' AND severity = 'CRITICAL' "
        + "AND dedupe_key LIKE ?", "%operation-" + edited)).isEqualTo(1L);
    assertThat(count(jdbi, "SELECT count(*) FROM audit_log WHERE action = 'treasury.refuse' AND result = 'DENIED' "
        + "AND target LIKE ? AND reason LIKE 'INTENT_DIFFERS%'", "operation:" + edited + " intent:%")).isEqualTo(1L);
    assertThat(count(jdbi, "SELECT count(*) FROM audit_log WHERE action = 'treasury.sign'")).isZero();
    assertThat(count(jdbi, "SELECT count(*) FROM tx_attempts")).isZero();
    assertThat(nonce()).isEqualTo(nonceBefore);
    assertThat(balance(router)).isEqualTo(routerBefore);
    assertThat(balance(STRANGER)).isZero();

    byte[] next = randomPubkey();
    long genuine = genuineDeployment(jdbi, rig.seats(), next);
    assertThat(runToVerdict(jdbi, rig.executor(), genuine)).isEqualTo("CONFIRMED");
    assertThat(devnet.ops().vaultFor(next)).isEqualToIgnoringCase(vaults.vaultFor(next, BENEFICIARY));
    assertThat(nonce()).isEqualTo(nonceBefore.add(BigInteger.ONE));
  }

  /**
   * Issue 12, the simulation inside a whole executor run: after the pre-signing estimate passed,
   * someone deploys the operation's vault first, so the exact signed call would revert. The
   * simulator catches it after signing and before sending: FAILED with the decoded reason and an
   * alert, nothing sent, and the operation queued behind it confirms at the freed nonce.
   */
  @Test
  void aCallTheSimulationShowsRevertingFailsUnsentAndTheNextOperationProceeds() throws Exception {
    org.centurion.seatmanager.config.DatabaseUrl url = TestDatabases.fresh();
    Database db = Database.open(url, "matrix-simulation", 4);
    new Migrations(db.dataSource()).migrate();
    closeables.add(db);
    org.jdbi.v3.core.Jdbi jdbi = db.jdbi();
    byte[] raced = randomPubkey();
    java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
    ExecutorRig rig = executorRig(db, url, signers.get(Mode.LOCAL_KEY), (point, intentId) -> {
      if (point == org.centurion.seatmanager.ops.PipelineProbe.Point.AFTER_INTENT_COMMITTED && armed.getAndSet(false)) {
        devnet.ops().deployVault(raced, BENEFICIARY); // the race: the same deployment lands first
      }
    });
    long revert = genuineDeployment(jdbi, rig.seats(), raced);
    byte[] next = randomPubkey();
    long behind = genuineDeployment(jdbi, rig.seats(), next);
    BigInteger routerBefore = balance(router);

    assertThat(runToVerdict(jdbi, rig.executor(), revert)).isEqualTo("FAILED");
    assertThat(runToVerdict(jdbi, rig.executor(), behind)).isEqualTo("CONFIRMED");

    String error = jdbi.withHandle(h -> h.createQuery("SELECT last_error FROM operations WHERE id = :id").bind("id", revert)
        .mapTo(String.class).one());
    assertThat(error).startsWith("SIMULATION_REVERTED").contains("VaultAlreadyExists");
    assertThat(count(jdbi, "SELECT count(*) FROM alerts WHERE kind = 'TREASURY_CALL_REFUSED' AND severity = 'CRITICAL' "
        + "AND dedupe_key LIKE ?", "%operation-" + revert)).isEqualTo(1L);
    assertThat(count(jdbi, "SELECT count(*) FROM audit_log WHERE action = 'treasury.refuse' AND result = 'DENIED' "
        + "AND target LIKE ? AND reason LIKE 'SIMULATION_REVERTED%'", "operation:" + revert + " intent:%")).isEqualTo(1L);
    assertThat(count(jdbi, "SELECT count(*) FROM tx_attempts a JOIN tx_intents i ON i.id = a.intent_id "
        + "WHERE i.operation_id = ?", revert)).isZero();
    assertThat(devnet.ops().vaultFor(next)).isEqualToIgnoringCase(vaults.vaultFor(next, BENEFICIARY));
    assertThat(balance(router)).isEqualTo(routerBefore);
  }

  /** A vault deployment as the seats route queues it: the operation and its seat request. */
  private long genuineDeployment(org.jdbi.v3.core.Jdbi jdbi, org.centurion.seatmanager.seats.SeatsFeature seats, byte[] pubkey) {
    long op = forgeOperation(jdbi, null, "DEPLOY_VAULT", factory, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, BENEFICIARY));
    jdbi.useHandle(h -> seats.store().insertRequest(h, "operator-" + op, BENEFICIARY, Numeric.toHexString(pubkey),
        vaults.vaultFor(pubkey, BENEFICIARY), op, "admin"));
    return op;
  }

  private static String runToVerdict(org.jdbi.v3.core.Jdbi jdbi, org.centurion.seatmanager.ops.OperationExecutor executor, long op)
      throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      executor.tick();
      String status = jdbi.withHandle(h -> h.createQuery("SELECT status FROM operations WHERE id = :id").bind("id", op)
          .mapTo(String.class).one());
      if (status.equals("CONFIRMED") || status.equals("FAILED")) {
        return status;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("operation " + op + " got no verdict");
  }

  /** The production executor over {@code db}: seats re-derivation, the simulator, audit and alerts, {@code signer}. */
  private record ExecutorRig(org.centurion.seatmanager.seats.SeatsFeature seats, org.centurion.seatmanager.ops.OperationExecutor executor) {}

  private ExecutorRig executorRig(Database db, org.centurion.seatmanager.config.DatabaseUrl url, TreasurySigner signer,
      org.centurion.seatmanager.ops.PipelineProbe probe) {
    org.jdbi.v3.core.Jdbi jdbi = db.jdbi();
    Clock clock = Clock.systemUTC();
    var client = new org.centurion.seatmanager.chain.ExecutionClient(
        new org.centurion.seatmanager.config.NamedEndpoint("anvil", java.net.URI.create(devnet.rpcUrl())),
        org.centurion.seatmanager.chain.RpcSettings.defaults());
    closeables.add(client);
    var seatsSettings = new org.centurion.seatmanager.seats.SeatsSettings(true, false, Optional.of(
        new org.centurion.seatmanager.seats.SeatChainSettings(286, depositContract, factory, router,
            devnet.addresses().principalDestination(), Optional.empty(), 0, EXIT_FEE_CAP)),
        Optional.empty(), false, Optional.empty());
    var holds = new org.centurion.seatmanager.alerts.MoveHolds(jdbi);
    var alerts = new org.centurion.seatmanager.alerts.AlertService(jdbi, clock);
    var seats = new org.centurion.seatmanager.seats.SeatsFeature(seatsSettings, jdbi,
        new org.centurion.seatmanager.ops.OperationService(jdbi), Optional.of(new org.centurion.seatmanager.chain.EndpointCrossCheck(
            List.of(client), new org.centurion.seatmanager.chain.EndpointCrossCheck.Policy(286, 1, 4, Duration.ofSeconds(5)))),
        Optional.empty(), holds, alerts, clock);
    var lock = new org.centurion.seatmanager.store.RoleLock(url, "executor");
    closeables.add(lock);
    var guard = new org.centurion.seatmanager.ops.TreasuryGuard(seats.expectedCalls(vaults).orElseThrow(),
        new org.centurion.seatmanager.ops.CallSimulator(new org.centurion.seatmanager.chain.EndpointCrossCheck(List.of(client),
            new org.centurion.seatmanager.chain.EndpointCrossCheck.Policy(286, 1, 4, Duration.ofSeconds(5)))), router, new org.centurion.seatmanager.audit.AuditLog(jdbi, clock),
        alerts);
    var executor = new org.centurion.seatmanager.ops.OperationExecutor(jdbi, lock, client,
        new org.centurion.seatmanager.chain.EndpointCrossCheck(List.of(client), new org.centurion.seatmanager.chain.EndpointCrossCheck.Policy(
            286, 1, org.centurion.seatmanager.chain.ChainClients.MAX_HEAD_LAG, Duration.ofSeconds(2))),
        new org.centurion.seatmanager.chain.FeeOracle(org.centurion.seatmanager.chain.FeePolicy.withCapGwei(500)), signer,
        new org.centurion.seatmanager.ops.ExecutorSettings(286, router, 1, Duration.ofMillis(50), Duration.ofMinutes(3),
            Duration.ofSeconds(1), 10, 25),
        seats.outcomesByKind(), clock, probe, guard, alerts, holds);
    return new ExecutorRig(seats, executor);
  }

  private static long count(org.jdbi.v3.core.Jdbi jdbi, String sql, Object... args) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  private static long forgeOperation(org.jdbi.v3.core.Jdbi jdbi, Long seatId, String kind, String target, BigInteger value,
      String calldata) {
    return jdbi.withHandle(h -> h.createQuery("INSERT INTO operations (seat_id, kind, target, value_wei, calldata, not_before, "
            + "requested_by) VALUES (:s, :k, :t, :v, :d, now() - interval '1 minute', 'admin') RETURNING id")
        .bind("s", seatId).bind("k", kind).bind("t", target).bind("v", new java.math.BigDecimal(value)).bind("d", calldata)
        .mapTo(Long.class).one());
  }

  /**
   * The executor's simulation (debug_traceCall with the call tracer and logs on anvil): a payment
   * out of the router is a value move no operation allows, a deployment must show its own
   * VaultDeployed, and a call that would revert is caught before anything is sent.
   */
  @Test
  void theSimulationCatchesValueMovesMissingEventsAndReverts() {
    var client = new org.centurion.seatmanager.chain.ExecutionClient(
        new org.centurion.seatmanager.config.NamedEndpoint("anvil", java.net.URI.create(devnet.rpcUrl())),
        org.centurion.seatmanager.chain.RpcSettings.defaults());
    closeables.add(client);
    var simulator = new org.centurion.seatmanager.ops.CallSimulator(new org.centurion.seatmanager.chain.EndpointCrossCheck(List.of(client),
        new org.centurion.seatmanager.chain.EndpointCrossCheck.Policy(286, 1, 4, Duration.ofSeconds(5))));
    String from = devnet.treasurySigner().getAddress();
    BigInteger gas = BigInteger.valueOf(2_900_000);
    var none = new org.centurion.seatmanager.ops.ExpectedCall(new org.centurion.seatmanager.ops.RouterCall(STRANGER, CTN, "0x"),
        SigningJustification.NONE, List.of(), List.of());
    assertThatThrownBy(() -> simulator.check(none, from, router, execute(STRANGER, CTN, "0x"), gas))
        .isInstanceOfSatisfying(org.centurion.seatmanager.ops.GuardRefusal.class,
            e -> assertThat(e.code()).isEqualTo(org.centurion.seatmanager.ops.GuardRefusal.Code.UNEXPECTED_VALUE_MOVE));

    byte[] pubkey = randomPubkey();
    String deploy = execute(factory, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, BENEFICIARY));
    String vault = vaults.vaultFor(pubkey, BENEFICIARY);
    String word = "0x" + "0".repeat(24);
    var expectedDeploy = new org.centurion.seatmanager.ops.ExpectedCall(
        new org.centurion.seatmanager.ops.RouterCall(factory, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, BENEFICIARY)),
        SigningJustification.NONE, List.of(new org.centurion.seatmanager.ops.ExpectedCall.ExpectedEvent("VaultDeployed", factory,
            List.of(Abi.topic(TreasuryAbi.EVENT_VAULT_DEPLOYED), Numeric.toHexString(VaultDerivation.sha256(pubkey)),
                word + vault.substring(2)), List.of())), List.of());
    simulator.check(expectedDeploy, from, router, deploy, gas);
    var wrongVault = new org.centurion.seatmanager.ops.ExpectedCall(expectedDeploy.call(), SigningJustification.NONE,
        List.of(new org.centurion.seatmanager.ops.ExpectedCall.ExpectedEvent("VaultDeployed", factory,
            List.of(Abi.topic(TreasuryAbi.EVENT_VAULT_DEPLOYED), Numeric.toHexString(VaultDerivation.sha256(pubkey)),
                word + STRANGER.substring(2)), List.of())), List.of());
    assertThatThrownBy(() -> simulator.check(wrongVault, from, router, deploy, gas))
        .isInstanceOfSatisfying(org.centurion.seatmanager.ops.GuardRefusal.class,
            e -> assertThat(e.code()).isEqualTo(org.centurion.seatmanager.ops.GuardRefusal.Code.EXPECTED_EVENT_MISSING));

    devnet.ops().deployVault(pubkey, BENEFICIARY); // now the same deployment reverts (VaultAlreadyExists)
    assertThatThrownBy(() -> simulator.check(expectedDeploy, from, router, deploy, gas))
        .isInstanceOfSatisfying(org.centurion.seatmanager.ops.GuardRefusal.class,
            e -> assertThat(e.code()).isEqualTo(org.centurion.seatmanager.ops.GuardRefusal.Code.SIMULATION_REVERTED));
  }

  /** The CREATE2 derivation is the factory's own: its prediction, its deployment and its credentials preview. */
  @Test
  void theVaultAddressThePolicyDerivesIsTheOneTheRealFactoryDeploys() throws Exception {
    byte[] pubkey = randomPubkey();
    String derived = vaults.vaultFor(pubkey, BENEFICIARY);
    String predicted = Abi.returnedAddress(devnet.transactor().call(factory,
        AbiCall.encode("predictVault(bytes,address)", AbiCall.bytes(pubkey), AbiCall.address(BENEFICIARY))));
    assertThat(derived).isEqualTo(predicted);
    assertThat(vaults.vaultFor(pubkey, STRANGER)).isNotEqualTo(derived);
    String preview = devnet.transactor().call(factory, AbiCall.encode("previewWithdrawalCredentials(bytes,address)",
        AbiCall.bytes(pubkey), AbiCall.address(BENEFICIARY)));
    assertThat(Numeric.hexStringToByteArray(preview)).isEqualTo(vaults.credentialsFor(pubkey, BENEFICIARY));
    String deployed = devnet.ops().deployVault(pubkey, BENEFICIARY);
    assertThat(deployed.toLowerCase(java.util.Locale.ROOT)).isEqualTo(derived);
  }

  // ---------------------------------------------------------------------------------------- helpers

  private void assertRefusalsRecorded(Mode mode, List<SigningErrorCode> codes) throws IOException {
    if (mode == Mode.ISOLATED_SIGNER) {
      String decisions = Files.readString(signerDir.resolve("decisions.jsonl"));
      for (SigningErrorCode c : codes) {
        assertThat(decisions).contains("\"REFUSED\"").contains("\"" + c.name() + "\"");
      }
      assertThat(decisions).contains("\"SIGNED\"").contains("deposit(pubkey=").doesNotContain(keyHex);
    } else {
      List<String> lines = policyLogs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      for (SigningErrorCode c : codes) {
        assertThat(lines).anyMatch(l -> l.contains("refused") && l.contains("code=" + c.name()));
      }
      assertThat(lines).noneMatch(l -> l.contains(keyHex));
    }
  }

  private void refused(TreasurySigner signer, String routerCalldata, SigningJustification why, SigningErrorCode code) throws IOException {
    refused(signer, tx(nonce(), router, BigInteger.ZERO, routerCalldata, GWEI.multiply(BigInteger.valueOf(50))), why, code);
  }

  private void refused(TreasurySigner signer, RawTransaction tx, SigningJustification why, SigningErrorCode code) {
    assertThatThrownBy(() -> signer.sign(tx, 286, why))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  private TransactionReceipt send(TreasurySigner signer, String routerCalldata, SigningJustification why) throws Exception {
    SignedTransaction signed = signer.sign(tx(nonce(), router, BigInteger.ZERO, routerCalldata, GWEI.multiply(BigInteger.valueOf(50))),
        286, why);
    var sent = devnet.web3j().ethSendRawTransaction(signed.rawHex()).send();
    assertThat(sent.hasError()).as(() -> "rejected: " + sent.getError().getMessage()).isFalse();
    TransactionReceipt receipt = await().atMost(Duration.ofSeconds(10)).until(
        () -> devnet.web3j().ethGetTransactionReceipt(signed.hash()).send().getTransactionReceipt().orElse(null),
        r -> r != null);
    assertThat(receipt.isStatusOK()).as("receipt of " + signed.hash()).isTrue();
    return receipt;
  }

  private static RawTransaction tx(BigInteger nonce, String to, BigInteger value, String data, BigInteger maxFee) {
    return RawTransaction.createTransaction(286, nonce, BigInteger.valueOf(2_900_000), to, value, data, GWEI, maxFee);
  }

  private static String execute(String target, BigInteger value, String data) {
    return TreasuryAbi.execute(target, value, data);
  }

  private static String depositCall(byte[] pubkey, byte[] wc, byte[] signature) {
    return TreasuryAbi.deposit(pubkey, wc, signature, root(pubkey, wc, signature));
  }

  private static byte[] root(byte[] pubkey, byte[] wc, byte[] signature) {
    return DepositSsz.depositDataRoot(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, signature);
  }

  private BigInteger nonce() throws IOException {
    return devnet.web3j().ethGetTransactionCount(devnet.treasurySigner().getAddress(), DefaultBlockParameterName.PENDING).send()
        .getTransactionCount();
  }

  private BigInteger balance(String address) {
    return devnet.chain().balance(address);
  }

  private boolean isFactoryVault(String vault) {
    String out = devnet.transactor().call(factory, AbiCall.encode("isVault(address)", AbiCall.address(vault)));
    return Numeric.toBigInt(out).signum() == 1;
  }

  private List<byte[]> depositEventCredentials(long fromBlock) throws IOException {
    EthFilter filter = new EthFilter(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
        DefaultBlockParameterName.LATEST, depositContract).addSingleTopic(Abi.topic(TreasuryAbi.EVENT_DEPOSIT));
    List<byte[]> out = new ArrayList<>();
    for (EthLog.LogResult<?> r : devnet.web3j().ethGetLogs(filter).send().getLogs()) {
      out.add(Abi.dynamicBytes(Numeric.hexStringToByteArray(((Log) r.get()).getData()), 1));
    }
    return out;
  }

  private static byte[] randomPubkey() {
    return random(48);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }
}
