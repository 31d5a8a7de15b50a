package org.centurion.seatmanager.web.operator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.operator.EnrollmentTokens;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/seats/{id}/enrollment-tokens}: an ADMIN (session, step-up) issues a one-time
 * enrollment token for a seat in CREATED; the token is shown once and names the seat, its operator,
 * its beneficiary, the key's scopes and its expiry.
 */
public final class IssueEnrollmentTokenEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public IssueEnrollmentTokenEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  /** @param scopes the new operator key's scopes (default: all four); @param ttlHours default 72 */
  public record IssueRequest(List<String> scopes, Integer ttlHours) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/enrollment-tokens").summary("Issue a one-time enrollment token (shown once)")
        .sessions(Role.ADMIN).stepUp().request(IssueRequest.class).response(Map.class)
        .errors(OperatorErrors.ENROLLMENT_NOT_CONFIGURED, OperatorErrors.INVALID_SCOPES, OperatorErrors.INVALID_TTL,
            OperatorErrors.INVALID_STATE, ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.enrollment_token_issued");
    long seatId = OperatorRequests.id(r);
    AuditNotes.target(r.ctx(), "seat:" + seatId);
    IssueRequest req = r.ctx().body().isBlank() ? new IssueRequest(null, null) : OperatorRequests.body(r, IssueRequest.class);
    Optional<Duration> ttl = Optional.ofNullable(req.ttlHours()).map(h -> Duration.ofHours(h.longValue()));
    EnrollmentTokens.Issued issued = operator.tokens().issue(seatId, OperatorRequests.scopes(req.scopes()), ttl,
        r.caller().name());
    AuditNotes.reason(r.ctx(), "jti " + issued.claims().jti());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token", issued.token());
    m.put("jti", issued.claims().jti().toString());
    m.put("seatId", seatId);
    m.put("operatorId", issued.claims().operatorId());
    m.put("beneficiary", issued.claims().beneficiary());
    m.put("scopes", issued.claims().scopes().stream().sorted().map(OperatorScope::wire).toList());
    m.put("expiresAt", issued.claims().expiresAt().toString());
    m.put("keyId", issued.claims().keyId());
    r.ctx().status(201).json(m);
  }
}
