package org.centurion.seatmanager.web.operator;

import java.util.Map;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/operator/enrollment-key}: the enrollment key's public half as a JWK set, so an
 * operator can verify a token offline ({@code seat-manager operator verify-token}). Public: it is a
 * public key; it is also the key an operator should pin (compare its kid out of band).
 */
public final class EnrollmentKeyEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public EnrollmentKeyEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/operator/enrollment-key").summary("The enrollment tokens' Ed25519 public key (JWK set)")
        .anyone().response(Map.class).errors(OperatorErrors.ENROLLMENT_NOT_CONFIGURED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().contentType("application/json").result("{\"keys\":[" + operator.enrollmentKey().publicJwk().toJSONString() + "]}");
  }
}
