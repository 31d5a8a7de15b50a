package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.seats.SeatPost;
import org.centurion.seatmanager.web.seats.SeatStatuses;
import org.centurion.seatmanager.deposit.DepositDataRejected;

import org.centurion.seatmanager.web.ProblemResponses;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.DepositReportView;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.seats.TreasuryFieldGuard;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /console/seats/{id}/deposit-data} (OPERATOR): the deposit-cli file from the seat page's
 * file input (multipart), verified and stored by the same command as {@code POST
 * /v1/seats/{id}/deposit-data}; a refused file comes back as its report, failure by failure.
 */
public final class DepositDataUploadEndpoint implements Endpoint {
  /** The multipart part holding the file. */
  public static final String FILE_FIELD = "depositData";
  private static final String REFUSED = DepositDataRejected.CODE;

  private final SeatsFeature seats;
  private final Pages pages;

  public DepositDataUploadEndpoint(SeatsFeature seats, Pages pages) {
    this.seats = seats;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/seats/{id}/deposit-data")
        .summary("Console: upload a seat's deposit-cli JSON (multipart file depositData); shows the verification report")
        .sessions(Role.OPERATOR).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND,
            REFUSED, ErrorCodes.DEPOSIT_VERIFICATION_NOT_CONFIGURED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    AuditNotes.action(ctx, "seat.deposit_data");
    long id = SeatPost.seatId(r);
    AuditNotes.target(ctx, "seat:" + id);
    byte[] file = read(ctx.uploadedFile(FILE_FIELD));
    // CSM-01 as on the API route, which checks the file as its JSON body; a file that is not JSON
    // at all is left to the verifier, whose report says so (JSON_MALFORMED).
    parsed(file).ifPresent(TreasuryFieldGuard::check);
    ObjectNode fieldNames = Json.mapper().createObjectNode();
    ctx.formParamMap().keySet().forEach(name -> fieldNames.put(name, ""));
    SeatReply reply;
    try {
      reply = seats.runner().submit(fieldNames, r.caller(), false,
          (body, caller, tx) -> seats.depositData().submit(id, file, caller, tx));
    } catch (DepositDataRejected rejected) {
      AuditNotes.reason(ctx, REFUSED);
      ctx.status(ProblemResponses.status(rejected.kind()));
      pages.render(ctx, "depositReport", Map.of("seatId", id, "report", DepositReportView.of(rejected.report())));
      return;
    }
    ctx.status(SeatStatuses.of(reply.outcome()));
    @SuppressWarnings("unchecked")
    Map<String, Object> seat = (Map<String, Object>) reply.body();
    pages.render(ctx, "notice", Map.of("message", "Every deposit-data check passed; the seat is now "
        + seat.get("state") + " (deposit_data_root " + seat.get("depositDataRoot") + ").", "next", "/console/seats/" + id));
  }

  private static Optional<JsonNode> parsed(byte[] file) {
    try {
      return Optional.of(Json.mapper().readTree(file));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private static byte[] read(UploadedFile upload) {
    if (upload == null || upload.size() == 0) {
      throw ApiError.badRequest(Forms.INVALID_FORM, FILE_FIELD + " (the deposit-cli JSON file) is required");
    }
    try (InputStream in = upload.content()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
