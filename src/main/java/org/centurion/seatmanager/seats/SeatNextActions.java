package org.centurion.seatmanager.seats;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.ops.Operation;

/**
 * What can be done next with a seat and why not the rest (issue 15), as the API's seat detail and
 * the console's seat page show it: per seat command, {@code "allowed"} or the reason it would be
 * refused now. It mirrors the commands' own state and idle checks (which still decide when one is
 * submitted, with the chain checks they make); it is advice, never a permission.
 */
public final class SeatNextActions {
  public static final String ALLOWED = "allowed";

  private record Rule(String action, Set<SeatState> states, String whenElse) {}

  private static final List<Rule> RULES = List.of(
      new Rule("deposit-data", EnumSet.of(SeatState.CREATED), "deposit data is submitted once, while the seat is CREATED"),
      new Rule("approve", EnumSet.of(SeatState.DATA_VERIFIED), "the allowlist intent is added once the deposit data is verified (DATA_VERIFIED)"),
      new Rule("deposit", EnumSet.of(SeatState.ALLOWLISTED), "the 32 CTN deposit is sent only from ALLOWLISTED"),
      new Rule("revoke", EnumSet.of(SeatState.CREATED, SeatState.DATA_VERIFIED, SeatState.ALLOWLISTED, SeatState.EXCEPTION),
          "revocation stops a seat before money moves; after the deposit only an exit can"),
      new Rule("force-exit", EnumSet.of(SeatState.ACTIVE, SeatState.EXIT_REQUESTED), "an exit is requested for an ACTIVE"
          + " validator, and sent again from EXIT_REQUESTED once the chain ignored it"),
      new Rule("settle", EnumSet.of(SeatState.EXITED, SeatState.SETTLING), "settlement follows the validator's exit (EXITED)"),
      new Rule("resolve", EnumSet.of(SeatState.EXCEPTION), "only an EXCEPTION seat is resolved"));

  private SeatNextActions() {}

  /**
   * @param ops the seat's operations, any order
   * @param depositedEver whether the seat ever reached DEPOSITED (evidence) or has a confirmed deposit
   * @param exitIgnored whether the seat's EXIT_IGNORED alert is open
   */
  public static Map<String, String> of(Seat seat, List<Operation> ops, boolean depositedEver, boolean exitIgnored) {
    Optional<Operation> pending = ops.stream().filter(o -> !o.status().isFinal()).findFirst();
    Map<String, String> m = new LinkedHashMap<>();
    for (Rule r : RULES) {
      m.put(r.action(), reason(seat, r, pending, depositedEver, exitIgnored).orElse(ALLOWED));
    }
    return m;
  }

  private static Optional<String> reason(Seat seat, Rule r, Optional<Operation> pending, boolean depositedEver,
      boolean exitIgnored) {
    if (seat.state().isTerminal()) {
      return Optional.of("the seat is " + seat.state() + ": nothing more can be done with it");
    }
    if (!r.states().contains(seat.state())) {
      String first = seat.state() == SeatState.EXCEPTION
          ? " (resolve it first, POST /v1/seats/" + seat.id() + "/resolve: the chain's evidence decides where it goes)" : "";
      return Optional.of("not from " + seat.state() + ": " + r.whenElse() + first);
    }
    if (r.action().equals("revoke") && seat.state() == SeatState.EXCEPTION && depositedEver) {
      return Optional.of("the seat's 32 CTN were deposited: an EXCEPTION seat with a deposit is not revoked");
    }
    if (r.action().equals("force-exit") && seat.state() == SeatState.EXIT_REQUESTED && !exitIgnored) {
      return Optional.of("an exit was requested; it is sent again only once the chain ignored it (an open EXIT_IGNORED alert,"
          + " after SEAT_MANAGER_EXIT_IGNORED_EPOCHS finalized epochs)");
    }
    if (pending.isPresent()) {
      Operation p = pending.get();
      return Optional.of("operation " + p.id() + " (" + p.kind() + ") is " + p.status()
          + ": wait for its verdict, or cancel it while QUEUED (POST /v1/operations/" + p.id() + "/cancel)");
    }
    return Optional.empty();
  }
}
