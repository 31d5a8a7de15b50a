package org.centurion.seatmanager.seats;

import java.util.Optional;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.auth.Caller;
import tools.jackson.databind.JsonNode;

/** What the seat routes call: the commands, their common POST handling and the reads. */
public final class SeatCommands {
  private final SeatPost post;
  private final SeatCreation creation;
  private final SeatDepositData depositData;
  private final SeatFunding funding;
  private final SeatExit exit;
  private final SeatQueries queries;
  private final Optional<FrontRunCheck> frontRun;
  private final Optional<SeatGeneration> generation;

  SeatCommands(SeatPost post, SeatCreation creation, SeatDepositData depositData, SeatFunding funding, SeatExit exit,
      SeatQueries queries, Optional<FrontRunCheck> frontRun, Optional<SeatGeneration> generation) {
    this.post = post;
    this.creation = creation;
    this.depositData = depositData;
    this.funding = funding;
    this.exit = exit;
    this.queries = queries;
    this.frontRun = frontRun;
    this.generation = generation;
  }

  public static long seatId(ApiRequest r) {
    return SeatInput.seatId(r.ctx().pathParam("id"));
  }

  public SeatPost post() {
    return post;
  }

  public SeatCreation creation() {
    return creation;
  }

  public SeatDepositData depositData() {
    return depositData;
  }

  public SeatFunding funding() {
    return funding;
  }

  public SeatExit exit() {
    return exit;
  }

  public SeatQueries queries() {
    return queries;
  }

  public FrontRunCheck frontRunCheck() {
    return frontRun.orElseThrow(() -> ApiError.unavailable("BEACON_NOT_CONFIGURED",
        "the front-running check needs the chain section and beacon endpoints configured"));
  }

  public SeatReply generate(JsonNode body, Caller caller, SeatPost.Committer tx) {
    return generation.orElseThrow(() -> ApiError.unavailable("MANAGED_KEYS_NOT_CONFIGURED",
        "managed keys need the foundation mnemonic and keystore password files and the chain section"))
        .generate(body, caller, tx);
  }
}
