package org.centurion.seatmanager.reconcile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.seats.BeaconReads;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatChain;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.jdbi.v3.core.Jdbi;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code seat-manager reconcile} (issue 15): the database's record held against the chain, read-only.
 * Every seat's vault must be the factory registry's vault for its pubkey; the deposit contract's
 * pubkey latch must be set exactly for the seats we deposited; an ALLOWLISTED seat's intent must be
 * active; the beacon endpoints (agreeing) must show each deposited validator in a phase its seat's state
 * allows, with the vault's withdrawal credentials; every mined intent's transaction must still be in
 * the block we recorded, and no live intent's nonce may have been used by another transaction. Each
 * disagreement is a {@link Finding}; what could not be read is named as unchecked, never skipped quietly.
 */
public final class Reconciliation {
  /** One disagreement between the record and the chain. */
  public record Finding(String subject, String check, String detail) {}

  /** What one run compared and found. */
  public record Report(int seats, int intents, List<Finding> findings, List<String> unchecked) {}

  private static final Set<SeatState> DEPOSITED_STATES = EnumSet.of(SeatState.DEPOSITED, SeatState.SEEN_BY_CL,
      SeatState.ACTIVE, SeatState.EXIT_REQUESTED, SeatState.EXITED, SeatState.SETTLING, SeatState.SETTLED);
  private static final Set<SeatState> BEFORE_DEPOSIT = EnumSet.of(SeatState.CREATED, SeatState.DATA_VERIFIED,
      SeatState.ALLOWLISTED);
  private static final int PAGE = 500;

  private final Jdbi jdbi;
  private final SeatStore store;
  private final SeatChain chain;
  private final Optional<BeaconReads> beacon;
  private final ExecutionClient execution;

  public Reconciliation(Jdbi jdbi, SeatStore store, SeatChain chain, Optional<BeaconReads> beacon, ExecutionClient execution) {
    this.jdbi = jdbi;
    this.store = store;
    this.chain = chain;
    this.beacon = beacon;
    this.execution = execution;
  }

  public Report run() {
    List<Finding> findings = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    if (beacon.isEmpty()) {
      unchecked.add("validator states: no beacon endpoint is configured (SEAT_MANAGER_CL_API_URLS)");
    }
    int seats = 0;
    long after = 0;
    while (true) {
      long from = after;
      List<Seat> page = jdbi.withHandle(h -> store.list(h, new SeatStore.Filter(Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), from, PAGE)));
      for (Seat s : page) {
        seat(s, findings, unchecked);
      }
      seats += page.size();
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    int intents = intents(findings, unchecked);
    return new Report(seats, intents, List.copyOf(findings), List.copyOf(unchecked));
  }

  private void seat(Seat s, List<Finding> findings, List<String> unchecked) {
    String subject = "seat " + s.id() + " (" + s.state() + ")";
    byte[] pubkey = Numeric.hexStringToByteArray(s.pubkey());
    try {
      String registered = chain.vaultByPubkey(pubkey);
      if (!registered.equalsIgnoreCase(s.vaultAddress())) {
        findings.add(new Finding(subject, "vault-registry", "the factory registers vault " + registered + " for the pubkey,"
            + " the record says " + s.vaultAddress()));
      }
      if (s.state() == SeatState.REVOKED) {
        return;
      }
      boolean latched = chain.depositLatched(pubkey);
      if (DEPOSITED_STATES.contains(s.state()) && !latched) {
        findings.add(new Finding(subject, "deposit", "the record says deposited, the deposit contract has no deposit for the pubkey"));
      }
      if (BEFORE_DEPOSIT.contains(s.state()) && latched) {
        findings.add(new Finding(subject, "deposit", "the deposit contract has a deposit for the pubkey that the record does not"
            + " know (someone else's, or one the watcher missed)"));
      }
      if (s.state() == SeatState.ALLOWLISTED
          && !chain.intentActive(pubkey, Numeric.hexStringToByteArray(s.withdrawalCredentials()))) {
        findings.add(new Finding(subject, "allowlist", "the record says ALLOWLISTED, the deposit contract has no active intent"));
      }
    } catch (RuntimeException e) {
      unchecked.add(subject + ": the execution endpoints could not answer (" + e.getMessage() + ")");
      return;
    }
    if (beacon.isPresent() && s.state() != SeatState.REVOKED && s.state() != SeatState.SETTLED) {
      validator(s, subject, findings, unchecked);
    }
  }

  private void validator(Seat s, String subject, List<Finding> findings, List<String> unchecked) {
    Optional<BeaconReads.Validator> v;
    try {
      v = beacon.get().agreedValidator(s.pubkey());
    } catch (BeaconReads.BeaconUnavailableException e) {
      unchecked.add(subject + ": the beacon endpoints " + (e instanceof BeaconReads.BeaconDisagreementException
          ? "disagree" : "could not answer") + " (" + e.getMessage() + ")");
      return;
    }
    if (v.isEmpty()) {
      if (EnumSet.of(SeatState.SEEN_BY_CL, SeatState.ACTIVE, SeatState.EXIT_REQUESTED, SeatState.EXITED, SeatState.SETTLING)
          .contains(s.state())) {
        findings.add(new Finding(subject, "validator", "the beacon endpoints do not know the validator"));
      }
      return;
    }
    BeaconReads.Validator val = v.get();
    if (!val.withdrawalCredentials().equalsIgnoreCase(s.withdrawalCredentials())) {
      findings.add(new Finding(subject, "withdrawal-credentials", "the beacon chain has " + val.withdrawalCredentials()
          + ", the seat's vault is " + s.withdrawalCredentials()));
    }
    String status = val.status().toLowerCase(Locale.ROOT);
    if ((val.slashed() || status.endsWith("_slashed")) && s.state() != SeatState.EXCEPTION) {
      findings.add(new Finding(subject, "validator", "the validator is slashed (" + val.status() + ") but the seat is not in"
          + " EXCEPTION"));
      return;
    }
    Optional<String> expected = expectedStatuses(s.state());
    if (expected.isPresent() && !status.matches(expected.get())) {
      findings.add(new Finding(subject, "validator", "the beacon chain reports " + val.status() + ", which the seat's state "
          + s.state() + " does not allow"));
    }
  }

  /** The beacon statuses each seat state allows (a regular expression), when it constrains them. */
  private static Optional<String> expectedStatuses(SeatState state) {
    return Optional.ofNullable(switch (state) {
      case CREATED, DATA_VERIFIED, ALLOWLISTED -> "(?!)"; // known on the beacon chain before our deposit: a front-run
      case DEPOSITED, SEEN_BY_CL -> "pending_.*|active_ongoing";
      case ACTIVE -> "active_ongoing";
      case EXIT_REQUESTED -> "active_ongoing|active_exiting|exited_unslashed|withdrawal_possible|withdrawal_done";
      case EXITED, SETTLING -> "exited_.*|withdrawal_possible|withdrawal_done";
      default -> null;
    });
  }

  /** The hash of one of the intent's signed attempts that the chain has mined, if any. */
  private Optional<String> minedAttempt(long intentId) {
    List<String> hashes = jdbi.withHandle(h -> h.createQuery("SELECT tx_hash FROM tx_attempts WHERE intent_id = :i ORDER BY id")
        .bind("i", intentId).mapTo(String.class).list());
    for (String hash : hashes) {
      if (execution.receipt(hash).isPresent()) {
        return Optional.of(hash);
      }
    }
    return Optional.empty();
  }

  /** Mined intents still in their recorded block; live intents whose nonce the chain has not given to someone else. */
  private int intents(List<Finding> findings, List<String> unchecked) {
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT id, operation_id, sender, nonce, status,"
            + " mined_tx_hash, mined_block_hash FROM tx_intents WHERE status IN ('SIGNED', 'SENT', 'MINED', 'CONFIRMED', 'REVERTED')"
            + " ORDER BY id").mapToMap().list());
    Map<String, BigInteger> nonces = new java.util.HashMap<>();
    for (Map<String, Object> r : rows) {
      String subject = "intent " + r.get("id") + " (operation " + r.get("operation_id") + ", nonce " + r.get("nonce") + ", "
          + r.get("status") + ")";
      try {
        Object mined = r.get("mined_tx_hash");
        if (mined != null) {
          Optional<TransactionReceipt> receipt = execution.receipt(mined.toString());
          if (receipt.isEmpty()) {
            findings.add(new Finding(subject, "intent", "transaction " + mined + " is not on chain (reorged out?)"));
          } else if (r.get("mined_block_hash") != null
              && !receipt.get().getBlockHash().equalsIgnoreCase(r.get("mined_block_hash").toString())) {
            findings.add(new Finding(subject, "intent", "transaction " + mined + " is in block " + receipt.get().getBlockHash()
                + ", the record says " + r.get("mined_block_hash")));
          }
          continue;
        }
        String sender = r.get("sender").toString();
        BigInteger next = nonces.computeIfAbsent(sender, a -> execution.transactionCount(a, DefaultBlockParameterName.LATEST));
        if (BigInteger.valueOf(((Number) r.get("nonce")).longValue()).compareTo(next) < 0) {
          Optional<String> ours = minedAttempt(((Number) r.get("id")).longValue());
          findings.add(new Finding(subject, "intent", ours.map(tx -> "our attempt " + tx + " is mined but not recorded yet"
                  + " (the executor records it on its next round)")
              .orElse("the chain has used nonce " + r.get("nonce") + " of " + sender + " for a transaction that is none of"
                  + " this intent's signed attempts")));
        }
      } catch (RuntimeException e) {
        unchecked.add(subject + ": " + e.getMessage());
      }
    }
    return rows.size();
  }
}
