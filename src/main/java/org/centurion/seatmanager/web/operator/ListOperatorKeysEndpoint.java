package org.centurion.seatmanager.web.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.centurion.seatmanager.auth.OperatorKey;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/seats/{id}/operator-keys}: the seat's operator keys (metadata only, never a key). */
public final class ListOperatorKeysEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public ListOperatorKeysEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/seats/{id}/operator-keys").summary("The seat's operator API keys (metadata)")
        .users(Role.OPERATOR).response(Map.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(Map.of("items", operator.keys().forSeat(OperatorRequests.id(r)).stream()
        .map(ListOperatorKeysEndpoint::view).toList()));
  }

  static Map<String, Object> view(OperatorKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("seatId", k.seatId());
    m.put("scopes", k.scopes().stream().sorted().map(OperatorScope::wire).toList());
    m.put("expiresAt", k.expiresAt().toString());
    m.put("createdAt", k.createdAt().toString());
    m.put("createdBy", k.createdBy());
    m.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
    m.put("revokedBy", k.revokedBy());
    return m;
  }
}
