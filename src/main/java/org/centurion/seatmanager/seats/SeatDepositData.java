package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Handle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.deposit.DepositDataEntry;
import org.centurion.seatmanager.deposit.DepositDataParser;
import org.centurion.seatmanager.deposit.DepositDataVerifier;
import org.centurion.seatmanager.deposit.DepositDataRejected;
import org.centurion.seatmanager.deposit.ParseResult;
import org.centurion.seatmanager.deposit.SeatExpectation;
import org.centurion.seatmanager.deposit.VerificationReport;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.auth.Caller;
import org.web3j.utils.Numeric;

/**
 * {@code POST /v1/seats/:id/deposit-data}: every check of the deposit-data verifier against this
 * seat's key and vault; all failures come back at once (422); a passing file is stored with its
 * roots and the seat becomes DATA_VERIFIED.
 */
public final class SeatDepositData {
  private final SeatStore store;
  private final SeatGuards guards;
  private final SeatTransitions transitions;
  private final DepositDataParser parser;
  private final java.util.Optional<DepositDataVerifier> verifier;

  SeatDepositData(SeatStore store, SeatGuards guards, SeatTransitions transitions, DepositDataParser parser,
      java.util.Optional<DepositDataVerifier> verifier) {
    this.store = store;
    this.guards = guards;
    this.transitions = transitions;
    this.parser = parser;
    this.verifier = verifier;
  }

  /** A file that passed every check against its seat, not yet recorded. */
  public record Verified(long seatId, String file, DepositDataEntry entry) {}

  /** The admin upload: checks the file, then records it in the command's transaction. */
  public SeatReply submit(long seatId, byte[] file, Caller caller, SeatCommandRunner.Committer tx) {
    Verified verified = check(seatId, file);
    return tx.commit(h -> record(h, verified, caller));
  }

  /**
   * Every check of the verifier against the seat's key and vault, outside any transaction (BLS is
   * slow); all failures come back at once as {@link DepositDataRejected}.
   */
  public Verified check(long seatId, byte[] file) {
    Seat seat = guards.seat(seatId);
    SeatGuards.requireState(seat, SeatState.CREATED);
    ParseResult parsed = parser.parse(file);
    VerificationReport report = verify(parsed, seat);
    if (!report.passed()) {
      throw new DepositDataRejected(report);
    }
    return new Verified(seatId, new String(file, StandardCharsets.UTF_8), parsed.entries().get(0).entry());
  }

  /** Stores a checked file and moves the seat to DATA_VERIFIED, if it is still CREATED. */
  public SeatReply record(Handle h, Verified verified, Caller caller) {
    long seatId = verified.seatId();
    DepositDataEntry entry = verified.entry();
    guards.lockedIn(h, seatId, SeatState.CREATED);
    store.storeDepositData(h, seatId, verified.file(), Numeric.toHexString(entry.signature()),
        Numeric.toHexString(entry.depositMessageRoot()), Numeric.toHexString(entry.depositDataRoot()));
    transitions.move(h, seatId, SeatState.CREATED, SeatState.DATA_VERIFIED, Evidence.offChain(
        "deposit data verified; deposit_data_root " + Numeric.toHexString(entry.depositDataRoot()),
        SeatGuards.actor(caller)));
    return SeatReply.done(SeatViews.seat(store.find(h, seatId).orElseThrow()));
  }

  /** The stored file of a seat, verified again as on submission (the pre-funding checklist's first item). */
  VerificationReport reverify(Seat seat, String storedFile) {
    return verify(parser.parse(storedFile.getBytes(StandardCharsets.UTF_8)), seat);
  }

  DepositDataEntry storedEntry(String storedFile) {
    return parser.parse(storedFile.getBytes(StandardCharsets.UTF_8)).entries().get(0).entry();
  }

  private VerificationReport verify(ParseResult parsed, Seat seat) {
    DepositDataVerifier v = verifier.orElseThrow(() -> Problem.unavailable(ErrorCodes.DEPOSIT_VERIFICATION_NOT_CONFIGURED,
        "SEAT_MANAGER_GENESIS_FORK_VERSION is not set: deposit data cannot be verified"));
    return v.verifySeatSubmission(parsed, SeatExpectation.of(Numeric.hexStringToByteArray(seat.pubkey()),
        Numeric.hexStringToByteArray(seat.vaultAddress())));
  }

}
