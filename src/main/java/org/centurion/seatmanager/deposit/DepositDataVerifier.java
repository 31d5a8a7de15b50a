package org.centurion.seatmanager.deposit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every check a deposit must pass before the treasury funds it. The consensus layer silently drops a new
 * validator whose deposit signature does not verify, and the 32 CTN are gone; so nothing here
 * short-circuits: every failed check of every entry is reported with its code, and an operator can fix
 * everything in one round.
 */
public final class DepositDataVerifier {
  /** 32 CTN in gwei: the one amount a Centurion seat deposits. */
  public static final long SEAT_AMOUNT_GWEI = 32_000_000_000L;

  static final String SIGNATURE_CHECK_DISABLED_WARNING =
      "SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE=false: BLS deposit signatures are NOT verified;"
          + " a deposit with a bad signature burns its 32 CTN";

  private static final Logger LOG = LoggerFactory.getLogger(DepositDataVerifier.class);

  private final ForkVersion genesisForkVersion;
  private final byte[] depositDomain;
  private final boolean verifySignatures;
  private final BatchVerifier batchVerifier;

  /**
   * @param genesisForkVersion the chain's {@code GENESIS_FORK_VERSION}
   * @param verifySignatures {@code SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE}; false skips only the pairing
   *     check (points are still decoded and group-checked) and is logged here, once per construction
   */
  public DepositDataVerifier(ForkVersion genesisForkVersion, boolean verifySignatures, BatchVerifier batchVerifier) {
    this.genesisForkVersion = genesisForkVersion;
    this.depositDomain = DepositSsz.depositDomain(genesisForkVersion);
    this.verifySignatures = verifySignatures;
    this.batchVerifier = batchVerifier;
    if (!verifySignatures) {
      LOG.warn(SIGNATURE_CHECK_DISABLED_WARNING);
    }
  }

  public ForkVersion genesisForkVersion() {
    return genesisForkVersion;
  }

  /** Warnings to show wherever health is shown; empty when every check is on. */
  public List<String> healthWarnings() {
    return verifySignatures ? List.of() : List.of(SIGNATURE_CHECK_DISABLED_WARNING);
  }

  /** Verifies a parsed file: parse failures and check failures come back together. */
  public VerificationReport verify(ParseResult parsed, SeatExpectation expectation) {
    List<DepositFailure> fileFailures = new ArrayList<>();
    Map<Integer, List<DepositFailure>> byEntry = new TreeMap<>();
    for (DepositFailure f : parsed.failures()) {
      if (f.entryIndex() == DepositFailure.FILE_LEVEL) {
        fileFailures.add(f);
      } else {
        byEntry.computeIfAbsent(f.entryIndex(), i -> new ArrayList<>()).add(f);
      }
    }
    Map<Integer, String> pubkeys = new TreeMap<>();
    for (ParseResult.IndexedEntry e : parsed.entries()) {
      pubkeys.put(e.index(), Hex.encodePrefixed(e.entry().pubkey()));
    }
    List<EntryVerification> checked = check(parsed.entries(), expectation);
    for (EntryVerification v : checked) {
      byEntry.computeIfAbsent(v.index(), i -> new ArrayList<>()).addAll(v.failures());
    }
    List<EntryVerification> entries = new ArrayList<>();
    byEntry.forEach((index, failures) -> entries.add(new EntryVerification(index, pubkeys.getOrDefault(index, ""), failures)));
    return new VerificationReport(fileFailures, entries, healthWarnings());
  }

  /**
   * Verifies the submission for one seat: the file must hold exactly one entry, for the seat's key and
   * vault.
   */
  public VerificationReport verifySeatSubmission(ParseResult parsed, SeatExpectation seat) {
    if (seat.pubkey().isEmpty() || seat.vaultAddress().isEmpty()) {
      throw new IllegalArgumentException("a seat submission is checked against the seat's pubkey and vault");
    }
    VerificationReport report = verify(parsed, seat);
    int count = report.entries().size();
    if (count <= 1) {
      return report;
    }
    List<DepositFailure> fileFailures = new ArrayList<>(report.fileFailures());
    fileFailures.add(DepositFailure.file(FailureCode.ENTRY_COUNT, "the file holds " + count + " entries, a seat takes 1"));
    return new VerificationReport(fileFailures, report.entries(), report.warnings());
  }

  /** Verifies entries that are already parsed; indexes in the report are positions in {@code entries}. */
  public VerificationReport verify(List<DepositDataEntry> entries, SeatExpectation expectation) {
    List<ParseResult.IndexedEntry> indexed = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      indexed.add(new ParseResult.IndexedEntry(i, entries.get(i)));
    }
    return verify(new ParseResult(indexed, List.of()), expectation);
  }

  private List<EntryVerification> check(List<ParseResult.IndexedEntry> entries, SeatExpectation expectation) {
    byte[] expectedPubkey = expectation.pubkey().orElse(null);
    byte[] expectedVault = expectation.vaultAddress().orElse(null);
    List<List<DepositFailure>> failures = new ArrayList<>();
    List<SignedMessage> signatures = new ArrayList<>();
    Set<String> seenPubkeys = new HashSet<>();
    for (ParseResult.IndexedEntry indexed : entries) {
      DepositDataEntry e = indexed.entry();
      int i = indexed.index();
      List<DepositFailure> f = new ArrayList<>();
      byte[] pubkey = e.pubkey();
      byte[] wc = e.withdrawalCredentials();
      if (expectedPubkey != null && !MessageDigest.isEqual(pubkey, expectedPubkey)) {
        f.add(fail(FailureCode.PUBKEY_MISMATCH, i, DepositDataParser.PUBKEY, "expected " + Hex.encodePrefixed(expectedPubkey)));
      }
      if (!seenPubkeys.add(Hex.encode(pubkey))) {
        f.add(fail(FailureCode.DUPLICATE_PUBKEY, i, DepositDataParser.PUBKEY, "an earlier entry has the same pubkey"));
      }
      if (!hasVaultPrefix(wc)) {
        f.add(fail(FailureCode.WC_PREFIX, i, DepositDataParser.WC, "found 0x" + Hex.encode(Arrays.copyOf(wc, 12))));
      }
      if (expectedVault != null && !Arrays.equals(Arrays.copyOfRange(wc, 12, 32), expectedVault)) {
        f.add(fail(FailureCode.WC_NOT_VAULT, i, DepositDataParser.WC, "expected vault " + Hex.encodePrefixed(expectedVault)));
      }
      if (e.amountGwei() != SEAT_AMOUNT_GWEI) {
        f.add(fail(FailureCode.AMOUNT_NOT_32_CTN, i, DepositDataParser.AMOUNT,
            "found " + Long.toUnsignedString(e.amountGwei()) + " gwei, expected " + SEAT_AMOUNT_GWEI));
      }
      if (!genesisForkVersion.matches(e.forkVersion())) {
        f.add(fail(FailureCode.FORK_VERSION_MISMATCH, i, DepositDataParser.FORK_VERSION,
            "found 0x" + Hex.encode(e.forkVersion()) + ", the chain's genesis fork version is " + genesisForkVersion));
      }
      byte[] messageRoot = DepositSsz.depositMessageRoot(pubkey, wc, e.amountGwei());
      if (!Arrays.equals(messageRoot, e.depositMessageRoot())) {
        f.add(fail(FailureCode.MESSAGE_ROOT_MISMATCH, i, DepositDataParser.MESSAGE_ROOT,
            "recomputed 0x" + Hex.encode(messageRoot)));
      }
      byte[] dataRoot = DepositSsz.depositDataRoot(pubkey, wc, e.amountGwei(), e.signature());
      if (!Arrays.equals(dataRoot, e.depositDataRoot())) {
        f.add(fail(FailureCode.DATA_ROOT_MISMATCH, i, DepositDataParser.DATA_ROOT,
            "recomputed 0x" + Hex.encode(dataRoot)));
      }
      // The signature is checked over the recomputed message and the configured fork: that is what the
      // consensus layer will check, whatever the file claims.
      signatures.add(new SignedMessage(pubkey, DepositSsz.signingRoot(messageRoot, depositDomain), e.signature()));
      failures.add(f);
    }
    List<SignatureOutcome> outcomes = signatureOutcomes(signatures);
    List<EntryVerification> out = new ArrayList<>();
    for (int k = 0; k < entries.size(); k++) {
      int i = entries.get(k).index();
      List<DepositFailure> f = failures.get(k);
      switch (outcomes.get(k)) {
        case PUBKEY_INVALID -> f.add(fail(FailureCode.PUBKEY_INVALID, i, DepositDataParser.PUBKEY,
            "not a G1 point of the prime-order subgroup, or infinity"));
        case SIGNATURE_POINT_INVALID -> f.add(fail(FailureCode.SIGNATURE_POINT_INVALID, i, DepositDataParser.SIGNATURE,
            "not a G2 point of the prime-order subgroup, or infinity"));
        case SIGNATURE_INVALID -> f.add(fail(FailureCode.SIGNATURE_INVALID, i, DepositDataParser.SIGNATURE,
            "does not verify for genesis fork version " + genesisForkVersion));
        case VALID -> { }
      }
      out.add(new EntryVerification(i, Hex.encodePrefixed(entries.get(k).entry().pubkey()), f));
    }
    return out;
  }

  private List<SignatureOutcome> signatureOutcomes(List<SignedMessage> signatures) {
    if (verifySignatures) {
      return batchVerifier.verify(signatures);
    }
    return signatures.stream().map(BatchVerifier::checkPoints).toList();
  }

  private static boolean hasVaultPrefix(byte[] wc) {
    if (wc[0] != 0x01) {
      return false;
    }
    for (int i = 1; i < 12; i++) {
      if (wc[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static DepositFailure fail(FailureCode code, int index, String field, String detail) {
    return DepositFailure.entry(code, index, field, detail);
  }
}
