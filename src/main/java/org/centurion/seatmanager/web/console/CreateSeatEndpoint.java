package org.centurion.seatmanager.web.console;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.seats.SeatStatuses;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /console/seats} (issue 17): create a seat from the console, as {@code POST
 * /v1/seats/with-vault} (ADMIN): the vault is deployed through the router and the seat exists once
 * the executor has verified it. Every field the browser sent goes to the same command, so a
 * treasury field (CSM-01) or any unknown one is refused as the API refuses it; an empty pubkey is none.
 */
public final class CreateSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;
  private final Pages pages;

  public CreateSeatEndpoint(SeatsFeature seats, Pages pages) {
    this.seats = seats;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(List.of(Forms.INVALID_FORM));
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.CHAIN_UNAVAILABLE,
        ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.INVALID_ADDRESS, ErrorCodes.INVALID_PUBKEY, ErrorCodes.PUBKEY_REQUIRED,
        ErrorCodes.INVALID_OPERATOR_ID, ErrorCodes.INVALID_BENEFICIARY, ErrorCodes.VAULT_EXISTS, ErrorCodes.PUBKEY_TAKEN,
        ErrorCodes.OPERATOR_HAS_SEAT, ErrorCodes.FINALITY_CONFLICT));
    return EndpointSpec.post("/console/seats")
        .summary("Console: create a seat, deploying its vault through the router (form: operatorId, beneficiary[, pubkey])")
        .sessions(Role.ADMIN).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    AuditNotes.action(ctx, "seat.create_with_vault");
    ObjectNode body = Json.mapper().createObjectNode();
    for (Map.Entry<String, List<String>> f : ctx.formParamMap().entrySet()) {
      if (f.getValue().size() != 1) {
        throw org.centurion.seatmanager.web.ApiError.badRequest(Forms.INVALID_FORM, "each field once");
      }
      String v = f.getValue().get(0).strip();
      if (!(f.getKey().equals("pubkey") && v.isEmpty())) {
        body.put(f.getKey(), v);
      }
    }
    SeatReply reply = seats.runner().submit(body, r.caller(), true,
        (b, caller, tx) -> seats.creation().withVault(b, caller, tx));
    ctx.status(SeatStatuses.of(reply.outcome()));
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = (Map<String, Object>) reply.body();
    Object op = answer.get("operation") instanceof Map<?, ?> m ? m.get("id") : null;
    pages.render(ctx, "notice", Map.of("message", "The vault " + answer.get("vault") + " is being deployed (operation " + op
        + "); the seat appears once the executor has verified it.", "next", op == null ? "/console/seats" : "/console/operations/" + op));
  }
}
