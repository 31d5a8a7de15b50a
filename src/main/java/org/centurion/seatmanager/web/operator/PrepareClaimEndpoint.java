package org.centurion.seatmanager.web.operator;

import java.util.Map;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.operator.ClaimCalls;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.operator.VaultClaimView;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/operator/seats/{id}/claim?action=initiate&amountWei=…}: the beneficiary's claim
 * transaction for their wallet (initiate, finalize, cancel), checked against the vault's cap and
 * principal protection first. A read: nothing is signed or sent here.
 */
public final class PrepareClaimEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public PrepareClaimEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/operator/seats/{id}/claim")
        .summary("Prepare the beneficiary's reward-claim transaction (checked against the vault's rules)")
        .operatorKeys(OperatorScope.CLAIM).response(Map.class)
        .errors(OperatorErrors.KEY_WRONG_SEAT, OperatorErrors.SCOPE_MISSING, ClaimCalls.CLAIM_NOT_ALLOWED,
            ClaimCalls.INVALID_AMOUNT, OperatorErrors.CHAIN_NOT_CONFIGURED, OperatorErrors.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    long seatId = OperatorRequests.id(r);
    Seat seat = operator.status().seat(seatId);
    VaultClaimView vaults = operator.status().vaults().orElseThrow(() -> Problem.unavailable(OperatorErrors.CHAIN_NOT_CONFIGURED,
        "no execution endpoint is configured: the vault cannot be read"));
    String action = r.ctx().queryParam("action");
    r.ctx().json(ClaimCalls.prepare(seat, vaults.read(seat.vaultAddress()), action == null ? "" : action,
        r.ctx().queryParam("amountWei")));
  }
}
