package org.centurion.seatmanager.web.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.centurion.seatmanager.auth.OperatorKey;
import org.centurion.seatmanager.auth.OperatorKeyService;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.auth.SecurityGuard;

/**
 * {@code POST /v1/operator/seats/{id}/api-key/rotate}: the presenting key is revoked and a new one
 * with the same seat and scopes issued, in one transaction; the new key is shown once.
 */
public final class RotateOperatorKeyEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public RotateOperatorKeyEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/operator/seats/{id}/api-key/rotate").summary("Replace this operator key (shown once)")
        .operatorKeys(OperatorScope.ROTATE_API_KEY).response(Map.class)
        .errors(OperatorErrors.KEY_WRONG_SEAT, OperatorErrors.SCOPE_MISSING, OperatorErrors.RATE_LIMITED,
            OperatorKeyService.TOO_MANY_KEYS).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "operator.rotate_api_key");
    OperatorKey current = SecurityGuard.operatorKey(r.ctx());
    AuditNotes.target(r.ctx(), "seat:" + current.seatId() + " operator-key:" + current.id());
    OperatorKeyService.Issued next = operator.keys().rotate(current.id(), r.caller().name());
    AuditNotes.reason(r.ctx(), "replaced by operator-key:" + next.key().id());
    r.ctx().json(view(next));
  }

  static Map<String, Object> view(OperatorKeyService.Issued k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.key().id());
    m.put("key", k.secret());
    m.put("seatId", k.key().seatId());
    m.put("scopes", k.key().scopes().stream().sorted().map(OperatorScope::wire).toList());
    m.put("expiresAt", k.key().expiresAt().toString());
    return m;
  }
}
