package org.centurion.seatmanager.web.operator;

import java.util.Map;
import org.centurion.seatmanager.operator.EnrollmentClaims;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.web.audit.AuditNotes;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/operator/enroll}: the operator redeems the enrollment token with their deposit-cli
 * file. No session: the token is the credential (checked before anything else, and the attempt is on
 * record under the token's operator and jti); the answer carries the operator API key, shown once.
 */
public final class EnrollEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public EnrollEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  /** @param depositData the deposit-cli file's text, exactly as written by deposit-cli */
  public record EnrollRequest(String token, String depositData) {
    @Override
    public String toString() {
      return "EnrollRequest[token redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/operator/enroll").summary("Redeem an enrollment token with the deposit-cli file")
        .anyone().request(EnrollRequest.class).response(Map.class)
        .errors(OperatorErrors.ENROLLMENT_NOT_CONFIGURED, OperatorErrors.TOKEN_INVALID, OperatorErrors.TOKEN_EXPIRED,
            OperatorErrors.TOKEN_USED, OperatorErrors.TOKEN_SEAT_MISMATCH, OperatorErrors.DEPOSIT_DATA_INVALID, OperatorErrors.INVALID_STATE,
            OperatorErrors.OPERATION_PENDING, OperatorErrors.RATE_LIMITED, OperatorErrors.TREASURY_NOT_ALLOWED, ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "operator.enroll");
    JsonNode body = r.ctx().body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(r.ctx().body());
    EnrollRequest req = Json.mapper().treeToValue(body, EnrollRequest.class);
    EnrollmentClaims claims = operator.enrollment().verify(req.token(), r.ctx().ip());
    AuditNotes.actor(r.ctx(), "operator:" + claims.operatorId());
    AuditNotes.target(r.ctx(), "seat:" + claims.seatId() + " enrollment:" + claims.jti());
    if (req.depositData() == null || req.depositData().isBlank()) {
      throw ApiError.badRequest(OperatorErrors.DEPOSIT_DATA_INVALID, "depositData (the deposit-cli file's text) is required");
    }
    SeatReply reply = operator.enrollment().enroll(claims, req.depositData(), body, r.ctx().ip());
    r.ctx().status(org.centurion.seatmanager.web.seats.SeatStatuses.of(reply.outcome())).json(reply.body());
  }
}
