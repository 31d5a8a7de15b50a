package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import static org.centurion.seatmanager.seats.SeatAbi.address;
import static org.centurion.seatmanager.seats.SeatAbi.bytes;

import java.math.BigInteger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.ops.NewOperation;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.RouterCall;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/seats/with-vault}: queues the vault deployment through the router. The seat is
 * created only when the deployment is confirmed and the deployed vault verified ({@link SeatOutcomes}).
 */
public final class SeatCreation {
  private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

  private final SeatStore store;
  private final SeatGuards guards;
  private final OperationService operations;
  private final boolean allowMultipleSeatsPerOperator;
  private final Clock clock;

  SeatCreation(SeatStore store, SeatGuards guards, OperationService operations, boolean allowMultipleSeatsPerOperator,
      Clock clock) {
    this.store = store;
    this.guards = guards;
    this.operations = operations;
    this.allowMultipleSeatsPerOperator = allowMultipleSeatsPerOperator;
    this.clock = clock;
  }

  public SeatReply withVault(JsonNode body, Caller caller, SeatCommandRunner.Committer tx) {
    SeatInput.onlyFields(body, "operatorId", "beneficiary", "pubkey");
    String operatorId = SeatInput.operatorId(SeatInput.requiredText(body, "operatorId"));
    String beneficiary = SeatInput.address(SeatInput.requiredText(body, "beneficiary"), "beneficiary");
    if (body.get("pubkey") == null) {
      throw Problem.badRequest(ErrorCodes.PUBKEY_REQUIRED,
          "pubkey is required: the vault address is derived from it (use POST /v1/seats/generate for a managed key)");
    }
    String pubkey = SeatInput.pubkey(SeatInput.requiredText(body, "pubkey"));
    guards.requireNoHold();
    SeatChain chain = guards.chain();
    SeatChainSettings s = chain.settings();
    if (beneficiary.equals(s.router()) || beneficiary.equals(s.principalDestination())
        || beneficiary.equals(s.depositContract()) || beneficiary.equals(s.vaultFactory())) {
      throw Problem.badRequest(ErrorCodes.INVALID_BENEFICIARY, "the beneficiary must not be a treasury contract or address");
    }
    byte[] key = Numeric.hexStringToByteArray(pubkey);
    String existing = chain.vaultByPubkey(key);
    if (!existing.equals(ZERO_ADDRESS)) {
      throw Problem.conflict(ErrorCodes.VAULT_EXISTS, "a vault for this pubkey already exists at " + existing);
    }
    String vault = chain.predictVault(key, beneficiary);
    String actor = SeatGuards.actor(caller);
    return tx.commit(h -> {
      store.lockKeys(h, operatorId, pubkey);
      if (store.pubkeyTaken(h, pubkey)) {
        throw Problem.conflict(ErrorCodes.PUBKEY_TAKEN, "this pubkey already has a seat or a pending vault deployment");
      }
      if (!allowMultipleSeatsPerOperator && store.holdings(h, operatorId) > 0) {
        throw Problem.conflict(ErrorCodes.OPERATOR_HAS_SEAT,
            "operator " + operatorId + " already holds a seat (SEAT_MANAGER_ALLOW_MULTIPLE_SEATS_PER_OPERATOR=false)");
      }
      Operation op = operations.enqueue(h, new NewOperation(Optional.empty(), OperationKind.DEPLOY_VAULT,
          new RouterCall(s.vaultFactory(), BigInteger.ZERO,
              SeatAbi.encode(SeatAbi.DEPLOY_VAULT, bytes(key), address(beneficiary))),
          clock.instant(), actor));
      SeatStore.SeatRequest r = store.insertRequest(h, operatorId, beneficiary, pubkey, vault, op.id(), actor);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seatRequestId", r.id());
      m.put("status", "VAULT_DEPLOYMENT_QUEUED");
      m.put("operatorId", operatorId);
      m.put("beneficiary", beneficiary);
      m.put("pubkey", pubkey);
      m.put("vault", vault);
      m.put("withdrawalCredentials", Numeric.toHexString(SeatChain.withdrawalCredentials(vault)));
      m.put("operation", SeatViews.operation(op));
      return SeatReply.queued(m);
    });
  }
}
