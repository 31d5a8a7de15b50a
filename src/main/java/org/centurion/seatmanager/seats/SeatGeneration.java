package org.centurion.seatmanager.seats;

import static org.centurion.seatmanager.seats.SeatAbi.address;
import static org.centurion.seatmanager.seats.SeatAbi.bytes;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.deposit.Bip39WordList;
import org.centurion.seatmanager.deposit.Bls;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.deposit.Eip2333;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.deposit.KeystoreKdf;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.deposit.ManagedKeyGenerator;
import org.centurion.seatmanager.deposit.ManagedKeySecrets;
import org.centurion.seatmanager.deposit.ManagedValidatorKey;
import org.centurion.seatmanager.deposit.SeatExpectation;
import org.centurion.seatmanager.deposit.ValidatorKeyPath;
import org.centurion.seatmanager.deposit.VerificationReport;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.NewOperation;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.RouterCall;
import org.jdbi.v3.core.Jdbi;
import org.web3j.utils.Numeric;
import supranational.blst.SecretKey;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/seats/generate}: a managed key from the foundation mnemonic at a fresh index, its
 * deposit data signed for the vault the factory will deploy, the encrypted keystore, and the vault
 * deployment, committed together. The index comes from a sequence, so a failure anywhere burns the
 * index instead of ever handing the same key to two seats; the seat appears, already DATA_VERIFIED,
 * when the vault is confirmed and verified.
 */
public final class SeatGeneration {
  private final Jdbi jdbi;
  private final SeatStore store;
  private final SeatGuards guards;
  private final OperationService operations;
  private final SeatsSettings.ManagedKeyFiles files;
  private final ManagedKeyGenerator generator;
  private final DepositDataVerifier verifier;
  private final boolean allowMultipleSeatsPerOperator;
  private final Clock clock;

  SeatGeneration(Jdbi jdbi, SeatStore store, SeatGuards guards, OperationService operations,
      SeatsSettings.ManagedKeyFiles files, ForkVersion fork, DepositDataVerifier verifier,
      boolean allowMultipleSeatsPerOperator, Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.guards = guards;
    this.operations = operations;
    this.files = files;
    this.generator = new ManagedKeyGenerator(fork, files.keystoreKdf(), new SecureRandom(), "centurion",
        files.generatorVersion());
    this.verifier = verifier;
    this.allowMultipleSeatsPerOperator = allowMultipleSeatsPerOperator;
    this.clock = clock;
  }

  public SeatReply generate(JsonNode body, Caller caller, SeatCommandRunner.Committer tx) {
    SeatInput.onlyFields(body, "operatorId", "beneficiary");
    String operatorId = SeatInput.operatorId(SeatInput.requiredText(body, "operatorId"));
    String beneficiary = SeatInput.address(SeatInput.requiredText(body, "beneficiary"), "beneficiary");
    SeatChain chain = guards.chain();
    SeatChainSettings s = chain.settings();
    if (List.of(s.router(), s.principalDestination(), s.depositContract(), s.vaultFactory()).contains(beneficiary)) {
      throw Problem.badRequest("INVALID_BENEFICIARY", "the beneficiary must not be a treasury contract or address");
    }
    if (!allowMultipleSeatsPerOperator && jdbi.withHandle(h -> store.holdings(h, operatorId)) > 0) {
      throw Problem.conflict("OPERATOR_HAS_SEAT", "operator " + operatorId + " already holds a seat");
    }
    long index = jdbi.withHandle(h -> h.createQuery("SELECT nextval('managed_key_index')").mapTo(Long.class).one());
    ManagedValidatorKey key;
    String vault;
    try (ManagedKeySecrets secrets = ManagedKeySecrets.load(files.mnemonicFile(), files.passwordFile(),
        Bip39WordList.english())) {
      byte[] pubkey = pubkeyAt(secrets, index);
      if (!chain.vaultByPubkey(pubkey).equals("0x" + "0".repeat(40))) {
        throw Problem.conflict("VAULT_EXISTS", "a vault already exists for managed key index " + index);
      }
      vault = chain.predictVault(pubkey, beneficiary);
      key = generator.generate(secrets, index, Numeric.hexStringToByteArray(vault));
    } catch (ManagedKeyException e) {
      throw Problem.unavailable("MANAGED_KEYS_UNAVAILABLE", "the managed-key secrets could not be read: "
          + e.getClass().getSimpleName());
    }
    VerificationReport report = verifier.verify(List.of(key.depositData()),
        SeatExpectation.of(key.pubkey(), Numeric.hexStringToByteArray(vault)));
    if (!report.passed()) {
      throw new IllegalStateException("managed deposit data failed its own verification: " + report.codes());
    }
    String pubkeyHex = Numeric.toHexString(key.pubkey());
    String depositJson = "[" + key.depositData().toDepositCliJson() + "]";
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      store.lockKeys(h, operatorId, pubkeyHex);
      if (store.pubkeyTaken(h, pubkeyHex)) {
        throw Problem.conflict("PUBKEY_TAKEN", "managed key index " + index + " already has a seat");
      }
      if (!allowMultipleSeatsPerOperator && store.holdings(h, operatorId) > 0) {
        throw Problem.conflict("OPERATOR_HAS_SEAT", "operator " + operatorId + " already holds a seat");
      }
      Operation op = operations.enqueue(h, new NewOperation(Optional.empty(), OperationKind.DEPLOY_VAULT,
          new RouterCall(s.vaultFactory(), BigInteger.ZERO,
              SeatAbi.encode(SeatAbi.DEPLOY_VAULT, bytes(key.pubkey()), address(beneficiary))),
          clock.instant(), actor));
      SeatStore.SeatRequest r = store.insertRequest(h, operatorId, beneficiary, pubkeyHex, vault, op.id(), actor);
      h.createUpdate("INSERT INTO seat_bls_material (key_index, request_id, pubkey, key_path, keystore, deposit_data) "
              + "VALUES (:i, :r, :p, :path, :ks, :dd)")
          .bind("i", index).bind("r", r.id()).bind("p", pubkeyHex).bind("path", key.path())
          .bind("ks", key.keystoreJson()).bind("dd", depositJson).execute();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seatRequestId", r.id());
      m.put("status", "VAULT_DEPLOYMENT_QUEUED");
      m.put("operatorId", operatorId);
      m.put("beneficiary", beneficiary);
      m.put("pubkey", pubkeyHex);
      m.put("keyIndex", index);
      m.put("keyPath", key.path());
      m.put("vault", vault);
      m.put("withdrawalCredentials", Numeric.toHexString(SeatChain.withdrawalCredentials(vault)));
      m.put("depositDataRoot", Numeric.toHexString(key.depositData().depositDataRoot()));
      m.put("operation", SeatViews.operation(op));
      return new SeatReply(202, m);
    });
  }

  private static byte[] pubkeyAt(ManagedKeySecrets secrets, long index) {
    byte[] seed = secrets.mnemonic().seed();
    SecretKey sk = Eip2333.derive(seed, ValidatorKeyPath.signingKey(index));
    java.util.Arrays.fill(seed, (byte) 0);
    try {
      return Bls.publicKeyOf(sk);
    } finally {
      Eip2333.wipe(sk);
    }
  }
}
