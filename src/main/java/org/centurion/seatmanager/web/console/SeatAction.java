package org.centurion.seatmanager.web.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.seats.SeatState;

/**
 * The seat actions the console offers, with what the seat page needs to decide whether to show
 * each one. The minimum role and step-up are those of the action's API route (a test compares them
 * with the web.seats specs); the states are those the command itself accepts, so a hidden button
 * is never the only thing standing between a caller and a refusal: the command still checks.
 *
 * @param confirm irreversible: the form must repeat the seat id so a stray click sends nothing
 */
public enum SeatAction {
  APPROVE("approve", "Approve (write the allowlist intent)", "/v1/seats/{id}/approve", Role.ADMIN, false, false,
      EnumSet.of(SeatState.DATA_VERIFIED)),
  DEPOSIT("deposit", "Deposit 32 CTN", "/v1/seats/{id}/deposit", Role.ADMIN, true, true,
      EnumSet.of(SeatState.ALLOWLISTED)),
  // issue 15: an EXCEPTION seat is offered revocation too; the command refuses it when anything was deposited
  REVOKE("revoke", "Revoke", "/v1/seats/{id}/revoke", Role.ADMIN, true, true, java.util.EnumSet.of(SeatState.CREATED,
      SeatState.DATA_VERIFIED, SeatState.ALLOWLISTED, SeatState.EXCEPTION)),
  // issue 15: from EXIT_REQUESTED the command sends the exit again only once the chain ignored it
  FORCE_EXIT("force-exit", "Force the validator's exit", "/v1/seats/{id}/force-exit", Role.ADMIN, true, true,
      EnumSet.of(SeatState.ACTIVE, SeatState.EXIT_REQUESTED)),
  SETTLE("settle", "Settle the vault", "/v1/seats/{id}/settle", Role.ADMIN, true, true,
      EnumSet.of(SeatState.EXITED, SeatState.SETTLING)),
  // issue 15: the chain's evidence decides the state; the form takes only the written reason
  RESOLVE("resolve", "Resolve from the chain's evidence", "/v1/seats/{id}/resolve", Role.ADMIN, true, true,
      EnumSet.of(SeatState.EXCEPTION));

  /** The form field an irreversible action's confirmation goes in. */
  public static final String CONFIRM_FIELD = "confirmSeat";
  /** The form field of a written reason. */
  public static final String REASON_FIELD = "reason";

  private final String slug;
  private final String label;
  private final String apiPath;
  private final Role minRole;
  private final boolean stepUp;
  private final boolean confirm;
  private final Set<SeatState> states;

  SeatAction(String slug, String label, String apiPath, Role minRole, boolean stepUp, boolean confirm,
      Set<SeatState> states) {
    this.slug = slug;
    this.label = label;
    this.apiPath = apiPath;
    this.minRole = minRole;
    this.stepUp = stepUp;
    this.confirm = confirm;
    this.states = Set.copyOf(states);
  }

  /** {@code /console/seats/{id}/<slug>}. */
  public String consolePath() {
    return "/console/seats/{id}/" + slug;
  }

  public String path(Object seatId) {
    return "/console/seats/" + seatId + "/" + slug;
  }

  public String slug() {
    return slug;
  }

  public String label() {
    return label;
  }

  /** The API route whose command and minimum role this action shares. */
  public String apiPath() {
    return apiPath;
  }

  public Role minRole() {
    return minRole;
  }

  public boolean stepUp() {
    return stepUp;
  }

  public boolean confirm() {
    return confirm;
  }

  /** Whether the form asks for a written reason ({@link #REASON_FIELD}), kept on the seat's record. */
  public boolean needsReason() {
    return this == RESOLVE;
  }

  /** What the seat page offers this caller for a seat in this state. */
  public static List<SeatAction> offered(Optional<Role> role, Object state) {
    Optional<SeatState> s = parse(state);
    return java.util.Arrays.stream(values())
        .filter(a -> role.filter(r -> r.atLeast(a.minRole)).isPresent())
        .filter(a -> s.filter(a.states::contains).isPresent()).toList();
  }

  /** Whether the seat page offers the deposit-data upload (OPERATOR, as its API route; CREATED seats only). */
  public static boolean depositDataOffered(Optional<Role> role, Object state) {
    return role.filter(r -> r.atLeast(Role.OPERATOR)).isPresent()
        && parse(state).filter(x -> x == SeatState.CREATED).isPresent();
  }

  private static Optional<SeatState> parse(Object state) {
    try {
      return state == null ? Optional.empty() : Optional.of(SeatState.valueOf(state.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
