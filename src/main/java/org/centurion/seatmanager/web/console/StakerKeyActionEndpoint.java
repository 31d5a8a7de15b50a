package org.centurion.seatmanager.web.console;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /console/staker-keys} and {@code POST /console/staker-keys/{id}/revoke} (issue 17), as
 * {@code POST /v1/staker-keys} (ADMIN, re-authenticated as that route needs step-up; the key is shown
 * once) and {@code DELETE /v1/staker-keys/{id}} (ADMIN).
 */
public final class StakerKeyActionEndpoint implements Endpoint {
  private final StakerKeyService keys;
  private final Reauthentication reauth;
  private final Pages pages;
  private final boolean create;

  private StakerKeyActionEndpoint(StakerKeyService keys, Reauthentication reauth, Pages pages, boolean create) {
    this.keys = keys;
    this.reauth = reauth;
    this.pages = pages;
    this.create = create;
  }

  public static StakerKeyActionEndpoint create(StakerKeyService keys, Reauthentication reauth, Pages pages) {
    return new StakerKeyActionEndpoint(keys, reauth, pages, true);
  }

  public static StakerKeyActionEndpoint revoke(StakerKeyService keys, Reauthentication reauth, Pages pages) {
    return new StakerKeyActionEndpoint(keys, reauth, pages, false);
  }

  @Override
  public EndpointSpec spec() {
    return create
        ? EndpointSpec.post("/console/staker-keys")
            .summary("Console: create a staker API key, shown once (form: stakerAddress[, label, expiresOn], confirmPassword[, totp])")
            .sessions(Role.ADMIN).html().errors(Forms.INVALID_FORM, ErrorCodes.INVALID_ADDRESS, ErrorCodes.INVALID_LABEL,
                ErrorCodes.INVALID_EXPIRY, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED).build()
        : EndpointSpec.post("/console/staker-keys/{id}/revoke").summary("Console: revoke a staker API key")
            .sessions(Role.ADMIN).html().errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    if (!create) {
      long id = Forms.pathId(ctx, "id");
      AuditNotes.action(ctx, "staker_key.revoke");
      AuditNotes.target(ctx, "staker-key:" + id);
      if (!keys.revoke(id)) {
        throw ApiError.notFound("no such live staker key");
      }
      ctx.header("HX-Trigger", "staker-keys-changed");
      pages.render(ctx, "notice", Map.of("message", "Staker key " + id + " is revoked: it reads nothing any more.", "next", ""));
      return;
    }
    AuditNotes.action(ctx, "staker_key.create");
    String address = Forms.required(ctx, "stakerAddress");
    Optional<Instant> expires = Forms.optional(ctx, "expiresOn").filter(s -> !s.isBlank()).map(StakerKeyActionEndpoint::day);
    reauth.confirm(r);
    StakerKeyService.Created c = keys.create(address, Forms.optional(ctx, "label").orElse(""), expires, r.caller().name());
    AuditNotes.target(ctx, "staker-key:" + c.key().id() + " " + c.key().stakerAddress());
    ctx.status(201).header("HX-Trigger", "staker-keys-changed");
    pages.render(ctx, "stakerKeyCreated", Map.of("key", c.key(), "secret", c.secret()));
  }

  /** The end of the day given (UTC), as a date field sends it. */
  private static Instant day(String s) {
    try {
      return LocalDate.parse(s.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_EXPIRY, "expiresOn is a date, YYYY-MM-DD");
    }
  }
}
