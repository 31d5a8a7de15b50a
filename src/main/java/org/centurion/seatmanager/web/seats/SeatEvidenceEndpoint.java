package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.evidence.SeatEvidenceExport;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/seats/{id}/evidence} and the console's {@code GET /console/seats/{id}/evidence}
 * (issue 15): the seat's signed evidence bundle as a download, the same file {@code seat-manager seat
 * evidence} writes. ADMIN only: the bundle carries the audit rows that touched the seat (CSM-03).
 */
public final class SeatEvidenceEndpoint implements Endpoint {
  private final SeatEvidenceExport export;
  private final OperatorFeature keys;
  private final boolean console;

  private SeatEvidenceEndpoint(SeatEvidenceExport export, OperatorFeature keys, boolean console) {
    this.export = export;
    this.keys = keys;
    this.console = console;
  }

  public static SeatEvidenceEndpoint api(SeatEvidenceExport export, OperatorFeature keys) {
    return new SeatEvidenceEndpoint(export, keys, false);
  }

  public static SeatEvidenceEndpoint console(SeatEvidenceExport export, OperatorFeature keys) {
    return new SeatEvidenceEndpoint(export, keys, true);
  }

  @Override
  public EndpointSpec spec() {
    String summary = "the seat's signed evidence bundle (a compact JWS; check it with seat-manager seat evidence verify)";
    EndpointSpec.Builder b = console
        ? EndpointSpec.get("/console/seats/{id}/evidence").summary("Console: download " + summary).sessions(Role.ADMIN).html()
        : EndpointSpec.get("/v1/seats/{id}/evidence").summary("Download " + summary).users(Role.ADMIN);
    return b.errors(ErrorCodes.NOT_FOUND, OperatorErrors.ENROLLMENT_NOT_CONFIGURED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    long id = SeatPost.seatId(r);
    String bundle = export.export(id, r.caller().kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + r.caller().name(),
        keys.enrollmentKey());
    r.ctx().header("Content-Disposition", "attachment; filename=\"seat-" + id + ".evidence\"")
        .contentType("application/jose").result(bundle + "\n");
  }
}
