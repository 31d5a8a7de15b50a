package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real files written by the standard deposit CLI, and every single-field mutation of them. */
class DepositCliFilesTest {
  private static final DepositDataParser PARSER = new DepositDataParser();
  private static final BatchVerifier BATCH = new BatchVerifier(2);

  record Network(String file, String forkVersion, int entries) {}

  static final List<Network> OX01_NETWORKS =
      List.of(
          new Network("depositcli/deposit_data-holesky.json", "0x01017000", 20),
          new Network("depositcli/deposit_data-hoodi.json", "0x10000910", 2));

  static Stream<Network> ox01Networks() {
    return OX01_NETWORKS.stream();
  }

  @ParameterizedTest
  @MethodSource("ox01Networks")
  void everyEntryVerifiesForItsOwnVault(Network network) {
    ParseResult parsed = PARSER.parse(TestFiles.bytes(network.file()));
    assertThat(parsed.failures()).isEmpty();
    assertThat(parsed.entries()).hasSize(network.entries());
    DepositDataVerifier verifier = new DepositDataVerifier(ForkVersion.parse(network.forkVersion()), true, BATCH);
    for (ParseResult.IndexedEntry e : parsed.entries()) {
      byte[] vault = Arrays.copyOfRange(e.entry().withdrawalCredentials(), 12, 32);
      VerificationReport single =
          verifier.verifySeatSubmission(
              new ParseResult(List.of(new ParseResult.IndexedEntry(0, e.entry())), List.of()),
              SeatExpectation.of(e.entry().pubkey(), vault));
      assertThat(single.failures()).as("entry %d", e.index()).isEmpty();
      assertThat(single.passed()).isTrue();
    }
    byte[] vault = Arrays.copyOfRange(parsed.entries().get(0).entry().withdrawalCredentials(), 12, 32);
    VerificationReport whole = verifier.verify(parsed, SeatExpectation.vaultOnly(vault));
    assertThat(whole.failures()).isEmpty();
    assertThat(whole.passed()).isTrue();
  }

  @Test
  void mainnetFileIsCryptographicallyValidButHasBlsCredentials() {
    ParseResult parsed = PARSER.parse(TestFiles.bytes("depositcli/deposit_data-mainnet.json"));
    assertThat(parsed.failures()).isEmpty();
    assertThat(parsed.entries()).hasSize(100);
    DepositDataVerifier verifier = new DepositDataVerifier(ForkVersion.parse("0x00000000"), true, BATCH);
    VerificationReport report = verifier.verify(parsed, SeatExpectation.none());
    assertThat(report.passed()).isFalse();
    assertThat(report.codes()).containsExactly(FailureCode.WC_PREFIX);
    assertThat(report.entries()).allSatisfy(e -> assertThat(e.failures()).hasSize(1));
  }

  @Test
  void aFileForAnotherNetworkFailsForkAndSignatureOnly() {
    ParseResult parsed = PARSER.parse(TestFiles.bytes("depositcli/deposit_data-hoodi.json"));
    DepositDataVerifier holesky = new DepositDataVerifier(ForkVersion.parse("0x01017000"), true, BATCH);
    VerificationReport report = holesky.verify(parsed, SeatExpectation.none());
    assertThat(report.codes()).containsExactlyInAnyOrder(FailureCode.FORK_VERSION_MISMATCH, FailureCode.SIGNATURE_INVALID);
    assertThat(report.failures()).hasSize(4);
  }

  @Test
  void aSeatTakesExactlyOneEntry() {
    ParseResult parsed = PARSER.parse(TestFiles.bytes("depositcli/deposit_data-hoodi.json"));
    DepositDataEntry first = parsed.entries().get(0).entry();
    DepositDataVerifier verifier = new DepositDataVerifier(ForkVersion.parse("0x10000910"), true, BATCH);
    VerificationReport report =
        verifier.verifySeatSubmission(parsed, SeatExpectation.of(first.pubkey(), vaultOf(first)));
    assertThat(report.codes()).containsExactlyInAnyOrder(FailureCode.ENTRY_COUNT, FailureCode.PUBKEY_MISMATCH);
  }

  @Test
  void disabledSignatureCheckSkipsOnlyThePairingAndWarns() {
    DepositDataEntry e = holeskyEntry(0);
    DepositDataEntry badSignature = withSignature(e, holeskyEntry(1).signature());
    DepositDataVerifier unchecked = new DepositDataVerifier(ForkVersion.parse("0x01017000"), false, BATCH);
    VerificationReport report = unchecked.verify(List.of(badSignature), SeatExpectation.of(e.pubkey(), vaultOf(e)));
    assertThat(report.codes()).containsExactly(FailureCode.DATA_ROOT_MISMATCH);
    assertThat(report.warnings()).singleElement().asString().contains("SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE=false");
    assertThat(unchecked.healthWarnings()).hasSize(1);
    DepositDataVerifier checked = new DepositDataVerifier(ForkVersion.parse("0x01017000"), true, BATCH);
    assertThat(checked.healthWarnings()).isEmpty();
    assertThat(checked.verify(List.of(badSignature), SeatExpectation.of(e.pubkey(), vaultOf(e))).codes())
        .containsExactlyInAnyOrder(FailureCode.SIGNATURE_INVALID, FailureCode.DATA_ROOT_MISMATCH);
  }

  /**
   * A mutation of one field, the code it must produce (where a random-looking change may land on either
   * of two codes, {@code alternative} is the other), and the only other codes it may bring along.
   */
  record Mutation(
      String name, UnaryOperator<DepositDataEntry> apply, FailureCode primary, FailureCode alternative, Set<FailureCode> allowed) {
    Mutation(String name, UnaryOperator<DepositDataEntry> apply, FailureCode primary, Set<FailureCode> allowed) {
      this(name, apply, primary, primary, allowed);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> mutations() {
    Set<FailureCode> rootsAndSig =
        EnumSet.of(FailureCode.MESSAGE_ROOT_MISMATCH, FailureCode.DATA_ROOT_MISMATCH, FailureCode.SIGNATURE_INVALID);
    List<Mutation> mutations =
        List.of(
            new Mutation("pubkey from another validator", e -> withPubkey(e, holeskyEntry(5).pubkey()),
                FailureCode.PUBKEY_MISMATCH, rootsAndSig),
            new Mutation("pubkey last bit flipped", e -> withPubkey(e, flip(e.pubkey(), 47)),
                FailureCode.PUBKEY_MISMATCH, union(rootsAndSig, FailureCode.PUBKEY_INVALID)),
            new Mutation("pubkey compression flag cleared", e -> withPubkey(e, flipBit(e.pubkey(), 0, 0x80)),
                FailureCode.PUBKEY_INVALID, union(rootsAndSig, FailureCode.PUBKEY_MISMATCH)),
            new Mutation("pubkey is infinity", e -> withPubkey(e, infinityG1()),
                FailureCode.PUBKEY_INVALID, union(rootsAndSig, FailureCode.PUBKEY_MISMATCH)),
            new Mutation("wc type byte 0x00", e -> withWc(e, set(e.withdrawalCredentials(), 0, 0x00)),
                FailureCode.WC_PREFIX, rootsAndSig),
            new Mutation("wc type byte 0x02", e -> withWc(e, set(e.withdrawalCredentials(), 0, 0x02)),
                FailureCode.WC_PREFIX, rootsAndSig),
            new Mutation("wc padding byte non-zero", e -> withWc(e, set(e.withdrawalCredentials(), 11, 0x01)),
                FailureCode.WC_PREFIX, rootsAndSig),
            new Mutation("wc other vault", e -> withWc(e, flip(e.withdrawalCredentials(), 31)),
                FailureCode.WC_NOT_VAULT, rootsAndSig),
            new Mutation("amount 31 CTN", e -> withAmount(e, 31_000_000_000L),
                FailureCode.AMOUNT_NOT_32_CTN, rootsAndSig),
            new Mutation("amount one gwei more", e -> withAmount(e, 32_000_000_001L),
                FailureCode.AMOUNT_NOT_32_CTN, rootsAndSig),
            new Mutation("amount uint64 max", e -> withAmount(e, -1L),
                FailureCode.AMOUNT_NOT_32_CTN, rootsAndSig),
            new Mutation("signature of another entry", e -> withSignature(e, holeskyEntry(3).signature()),
                FailureCode.SIGNATURE_INVALID, EnumSet.of(FailureCode.DATA_ROOT_MISMATCH)),
            new Mutation("signature last bit flipped", e -> withSignature(e, flip(e.signature(), 95)),
                FailureCode.SIGNATURE_INVALID, FailureCode.SIGNATURE_POINT_INVALID, EnumSet.of(FailureCode.DATA_ROOT_MISMATCH)),
            new Mutation("signature is infinity", e -> withSignature(e, infinityG2()),
                FailureCode.SIGNATURE_POINT_INVALID, EnumSet.of(FailureCode.DATA_ROOT_MISMATCH)),
            new Mutation("signature all zero", e -> withSignature(e, new byte[96]),
                FailureCode.SIGNATURE_POINT_INVALID, EnumSet.of(FailureCode.DATA_ROOT_MISMATCH)),
            new Mutation("deposit_message_root flipped", e -> withMessageRoot(e, flip(e.depositMessageRoot(), 0)),
                FailureCode.MESSAGE_ROOT_MISMATCH, Set.of()),
            new Mutation("deposit_data_root flipped", e -> withDataRoot(e, flip(e.depositDataRoot(), 31)),
                FailureCode.DATA_ROOT_MISMATCH, Set.of()),
            new Mutation("fork_version mainnet", e -> withFork(e, new byte[4]),
                FailureCode.FORK_VERSION_MISMATCH, Set.of()),
            new Mutation("fork_version sepolia", e -> withFork(e, Hex.decode("90000069")),
                FailureCode.FORK_VERSION_MISMATCH, Set.of()));
    return OX01_NETWORKS.stream()
        .flatMap(n -> mutations.stream().map(m -> Arguments.of(n, m)));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("mutations")
  void everySingleFieldMutationIsRejectedWithItsCode(Network network, Mutation mutation) {
    ParseResult parsed = PARSER.parse(TestFiles.bytes(network.file()));
    DepositDataEntry original = parsed.entries().get(0).entry();
    DepositDataVerifier verifier = new DepositDataVerifier(ForkVersion.parse(network.forkVersion()), true, BATCH);
    SeatExpectation seat = SeatExpectation.of(original.pubkey(), vaultOf(original));
    assertThat(verifier.verify(List.of(original), seat).passed()).isTrue();

    DepositDataEntry mutated = mutation.apply().apply(original);
    VerificationReport report = verifier.verify(List.of(mutated), seat);
    assertThat(report.passed()).isFalse();
    assertThat(report.codes()).containsAnyOf(mutation.primary(), mutation.alternative());
    assertThat(report.codes())
        .isSubsetOf(union(union(mutation.allowed(), mutation.primary()), mutation.alternative()));
    // Through the parser too: the mutated entry written as deposit-cli JSON gives the same verdict.
    byte[] json = ("[" + mutated.toDepositCliJson() + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(verifier.verify(PARSER.parse(json), seat).codes()).isEqualTo(report.codes());
  }

  @Test
  void batchOfAFileNamesTheBadEntries() {
    ParseResult parsed = PARSER.parse(TestFiles.bytes("depositcli/deposit_data-holesky.json"));
    List<DepositDataEntry> entries = new java.util.ArrayList<>(parsed.entries().stream().map(ParseResult.IndexedEntry::entry).toList());
    entries.set(4, withSignature(entries.get(4), entries.get(9).signature()));
    entries.set(17, withSignature(entries.get(17), entries.get(2).signature()));
    DepositDataVerifier verifier = new DepositDataVerifier(ForkVersion.parse("0x01017000"), true, BATCH);
    VerificationReport report = verifier.verify(entries, SeatExpectation.vaultOnly(vaultOf(entries.get(0))));
    assertThat(report.failures().stream().filter(f -> f.code() == FailureCode.SIGNATURE_INVALID).map(DepositFailure::entryIndex))
        .containsExactly(4, 17);
  }

  // --- helpers

  static DepositDataEntry holeskyEntry(int i) {
    return PARSER.parse(TestFiles.bytes("depositcli/deposit_data-holesky.json")).entries().get(i).entry();
  }

  static byte[] vaultOf(DepositDataEntry e) {
    return Arrays.copyOfRange(e.withdrawalCredentials(), 12, 32);
  }

  static Set<FailureCode> union(Set<FailureCode> set, FailureCode code) {
    Set<FailureCode> out = set.isEmpty() ? EnumSet.noneOf(FailureCode.class) : EnumSet.copyOf(set);
    out.add(code);
    return out;
  }

  static byte[] flip(byte[] b, int i) {
    return flipBit(b, i, 0x01);
  }

  static byte[] flipBit(byte[] b, int i, int mask) {
    byte[] c = b.clone();
    c[i] ^= (byte) mask;
    return c;
  }

  static byte[] set(byte[] b, int i, int value) {
    byte[] c = b.clone();
    c[i] = (byte) value;
    return c;
  }

  static byte[] infinityG1() {
    byte[] b = new byte[48];
    b[0] = (byte) 0xc0;
    return b;
  }

  static byte[] infinityG2() {
    byte[] b = new byte[96];
    b[0] = (byte) 0xc0;
    return b;
  }

  static DepositDataEntry withPubkey(DepositDataEntry e, byte[] v) {
    return new DepositDataEntry(v, e.withdrawalCredentials(), e.amountGwei(), e.signature(), e.depositMessageRoot(), e.depositDataRoot(), e.forkVersion(), e.networkName(), e.depositCliVersion());
  }

  static DepositDataEntry withWc(DepositDataEntry e, byte[] v) {
    return new DepositDataEntry(e.pubkey(), v, e.amountGwei(), e.signature(), e.depositMessageRoot(), e.depositDataRoot(), e.forkVersion(), e.networkName(), e.depositCliVersion());
  }

  static DepositDataEntry withAmount(DepositDataEntry e, long v) {
    return new DepositDataEntry(e.pubkey(), e.withdrawalCredentials(), v, e.signature(), e.depositMessageRoot(), e.depositDataRoot(), e.forkVersion(), e.networkName(), e.depositCliVersion());
  }

  static DepositDataEntry withSignature(DepositDataEntry e, byte[] v) {
    return new DepositDataEntry(e.pubkey(), e.withdrawalCredentials(), e.amountGwei(), v, e.depositMessageRoot(), e.depositDataRoot(), e.forkVersion(), e.networkName(), e.depositCliVersion());
  }

  static DepositDataEntry withMessageRoot(DepositDataEntry e, byte[] v) {
    return new DepositDataEntry(e.pubkey(), e.withdrawalCredentials(), e.amountGwei(), e.signature(), v, e.depositDataRoot(), e.forkVersion(), e.networkName(), e.depositCliVersion());
  }

  static DepositDataEntry withDataRoot(DepositDataEntry e, byte[] v) {
    return new DepositDataEntry(e.pubkey(), e.withdrawalCredentials(), e.amountGwei(), e.signature(), e.depositMessageRoot(), v, e.forkVersion(), e.networkName(), e.depositCliVersion());
  }

  static DepositDataEntry withFork(DepositDataEntry e, byte[] v) {
    return new DepositDataEntry(e.pubkey(), e.withdrawalCredentials(), e.amountGwei(), e.signature(), e.depositMessageRoot(), e.depositDataRoot(), v, e.networkName(), e.depositCliVersion());
  }
}
