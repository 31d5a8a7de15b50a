package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import static org.centurion.seatmanager.seats.SeatAbi.address;
import static org.centurion.seatmanager.seats.SeatAbi.bytes;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.deposit.DepositDataEntry;
import org.centurion.seatmanager.deposit.DepositDataParser;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.deposit.ParseResult;
import org.centurion.seatmanager.deposit.SeatExpectation;
import org.centurion.seatmanager.deposit.VerificationReport;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.keys.KeyProcessClient;
import org.centurion.seatmanager.keys.KeyProcessException;
import org.centurion.seatmanager.ops.NewOperation;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.RouterCall;
import org.jdbi.v3.core.Jdbi;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/seats/generate}: a managed key from the key process (which alone reads the
 * foundation mnemonic), its deposit data signed for the vault the factory will deploy, the keystore
 * (encrypted under its own password, which api receives only sealed), and the vault deployment,
 * committed together. The key process hands out each index once and never issues a key twice, so a
 * failure anywhere burns the index instead of ever handing the same key to two seats; the seat
 * appears, already DATA_VERIFIED, when the vault is confirmed and verified. api verifies what the
 * key process answers as it verifies any operator's deposit data.
 */
public final class SeatGeneration {
  private final Jdbi jdbi;
  private final SeatStore store;
  private final SeatGuards guards;
  private final OperationService operations;
  private final KeyProcessClient keys;
  private final DepositDataVerifier verifier;
  private final boolean allowMultipleSeatsPerOperator;
  private final Clock clock;

  SeatGeneration(Jdbi jdbi, SeatStore store, SeatGuards guards, OperationService operations, KeyProcessClient keys,
      DepositDataVerifier verifier, boolean allowMultipleSeatsPerOperator, Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.guards = guards;
    this.operations = operations;
    this.keys = keys;
    this.verifier = verifier;
    this.allowMultipleSeatsPerOperator = allowMultipleSeatsPerOperator;
    this.clock = clock;
  }

  public SeatReply generate(JsonNode body, Caller caller, SeatCommandRunner.Committer tx) {
    SeatInput.onlyFields(body, "operatorId", "beneficiary");
    String operatorId = SeatInput.operatorId(SeatInput.requiredText(body, "operatorId"));
    String beneficiary = SeatInput.address(SeatInput.requiredText(body, "beneficiary"), "beneficiary");
    guards.requireNoHold();
    SeatChain chain = guards.chain();
    SeatChainSettings s = chain.settings();
    if (List.of(s.router(), s.principalDestination(), s.depositContract(), s.vaultFactory()).contains(beneficiary)) {
      throw Problem.badRequest(ErrorCodes.INVALID_BENEFICIARY, "the beneficiary must not be a treasury contract or address");
    }
    if (!allowMultipleSeatsPerOperator && jdbi.withHandle(h -> store.holdings(h, operatorId)) > 0) {
      throw Problem.conflict(ErrorCodes.OPERATOR_HAS_SEAT, "operator " + operatorId + " already holds a seat");
    }
    KeyProcessClient.IssuedKey issued;
    String vault;
    long index;
    byte[] pubkey;
    try {
      KeyProcessClient.Reservation reserved = keys.reserve();
      index = reserved.index();
      pubkey = Numeric.hexStringToByteArray(reserved.pubkey());
      if (!chain.vaultByPubkey(pubkey).equals("0x" + "0".repeat(40))) {
        throw Problem.conflict(ErrorCodes.VAULT_EXISTS, "a vault already exists for managed key index " + index);
      }
      vault = chain.predictVault(pubkey, beneficiary);
      issued = keys.issue(index, vault);
    } catch (KeyProcessException e) {
      throw Problem.unavailable(ErrorCodes.MANAGED_KEYS_UNAVAILABLE, "the key process could not make the key: " + e.code());
    }
    DepositDataEntry entry = issuedEntry(issued, pubkey);
    VerificationReport report = verifier.verify(List.of(entry),
        SeatExpectation.of(pubkey, Numeric.hexStringToByteArray(vault)));
    if (!report.passed()) {
      throw Problem.unavailable(ErrorCodes.MANAGED_KEYS_UNAVAILABLE,
          "the key process's deposit data failed verification: " + report.codes());
    }
    String pubkeyHex = Numeric.toHexString(pubkey);
    String depositJson = issued.depositDataJson();
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      store.lockKeys(h, operatorId, pubkeyHex);
      if (store.pubkeyTaken(h, pubkeyHex)) {
        throw Problem.conflict(ErrorCodes.PUBKEY_TAKEN, "managed key index " + index + " already has a seat");
      }
      if (!allowMultipleSeatsPerOperator && store.holdings(h, operatorId) > 0) {
        throw Problem.conflict(ErrorCodes.OPERATOR_HAS_SEAT, "operator " + operatorId + " already holds a seat");
      }
      Operation op = operations.enqueue(h, new NewOperation(Optional.empty(), OperationKind.DEPLOY_VAULT,
          new RouterCall(s.vaultFactory(), BigInteger.ZERO,
              SeatAbi.encode(SeatAbi.DEPLOY_VAULT, bytes(pubkey), address(beneficiary))),
          clock.instant(), actor));
      SeatStore.SeatRequest r = store.insertRequest(h, operatorId, beneficiary, pubkeyHex, vault, op.id(), actor);
      h.createUpdate("INSERT INTO seat_bls_material (key_index, request_id, pubkey, key_path, keystore, deposit_data, "
              + "sealed_password) VALUES (:i, :r, :p, :path, :ks, :dd, :sealed)")
          .bind("i", index).bind("r", r.id()).bind("p", pubkeyHex).bind("path", issued.path())
          .bind("ks", issued.keystore()).bind("dd", depositJson).bind("sealed", issued.sealedPassword()).execute();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seatRequestId", r.id());
      m.put("status", "VAULT_DEPLOYMENT_QUEUED");
      m.put("operatorId", operatorId);
      m.put("beneficiary", beneficiary);
      m.put("pubkey", pubkeyHex);
      m.put("keyIndex", index);
      m.put("keyPath", issued.path());
      m.put("vault", vault);
      m.put("withdrawalCredentials", Numeric.toHexString(SeatChain.withdrawalCredentials(vault)));
      m.put("depositDataRoot", Numeric.toHexString(entry.depositDataRoot()));
      m.put("operation", SeatViews.operation(op));
      return SeatReply.queued(m);
    });
  }

  /** The one deposit-data entry the key process answered, for the pubkey it reserved; anything else is refused. */
  private static DepositDataEntry issuedEntry(KeyProcessClient.IssuedKey issued, byte[] pubkey) {
    ParseResult parsed = new DepositDataParser().parse(issued.depositDataJson().getBytes(StandardCharsets.UTF_8));
    if (!parsed.ok() || parsed.entries().size() != 1 || !Arrays.equals(parsed.entries().get(0).entry().pubkey(), pubkey)
        || !issued.pubkey().equals(Numeric.toHexString(pubkey))) {
      throw Problem.unavailable(ErrorCodes.MANAGED_KEYS_UNAVAILABLE,
          "the key process answered deposit data that is not one entry for the reserved pubkey");
    }
    return parsed.entries().get(0).entry();
  }
}
