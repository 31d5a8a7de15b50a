package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DepositSszTest {

  @Test
  void mainnetDepositDomainIsTheWellKnownValue() {
    assertThat(Hex.encodePrefixed(DepositSsz.depositDomain(ForkVersion.parse("0x00000000"))))
        .isEqualTo("0x03000000f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a9");
  }

  @Test
  void depositDataRootMatchesTheChain286WorkedExample() {
    // centurion-protocol.md §2.6: all-zero signature, 32e9 gwei, vault 0x412a…
    byte[] pubkey =
        Hex.decode("0xaa74a83f10ea5fba2e0a2c1fc7c080180e01e857573b84200c3b238cb4028fa2a98e48b53c2d0218aadcfd69f6c5d1aa", 48);
    byte[] wc = SeatExpectation.withdrawalCredentialsFor(Hex.decode("0x412a91402f3d3baee3612d5b5d0ba43542b7adf9", 20));
    assertThat(Hex.encodePrefixed(wc)).isEqualTo("0x010000000000000000000000412a91402f3d3baee3612d5b5d0ba43542b7adf9");
    assertThat(Hex.encodePrefixed(DepositSsz.depositDataRoot(pubkey, wc, 32_000_000_000L, new byte[96])))
        .isEqualTo("0x962f37c41141f21e190d41d92c1bce17477bb2131efe8b101fda8d08388e8a95");
  }

  @Test
  void depositCliRootsRecompute() {
    // First holesky entry of the ParaState file (see the resources README).
    byte[] pubkey = Hex.decode("9005e23ad338d0eabb7c42d45e72455ab2bafb0c4517bbeba125462488fcbd3d846a7cdd13b89b6610f18c98b7b3f97f");
    byte[] wc = Hex.decode("010000000000000000000000f0179dec45a37423ead4fad5fcb136197872ead9");
    byte[] sig = Hex.decode("b2796904776452f884a8e7cdc9c9e79312ad1997c1aa879acda468e9690d27607c8e4ecbb8b2a664945349d9667fd40012976fb51b5d758675b51dcf8f70e6e8d165f619b3999b360c37affc89cb7cceaa6b8d13ab832b78e69035e869eef099");
    assertThat(Hex.encode(DepositSsz.depositMessageRoot(pubkey, wc, 32_000_000_000L)))
        .isEqualTo("8430a7900813daa4ce468c26980e66beeea5e437e1a0ec57e35d86d0fa4e1ca9");
    assertThat(Hex.encode(DepositSsz.depositDataRoot(pubkey, wc, 32_000_000_000L, sig)))
        .isEqualTo("a12db597e878b4a4d3f5b31cc6c2174b04618ff537c1448c611c13671910583f");
  }

  @Test
  void amountIsLittleEndianInItsChunk() {
    byte[] pubkey = new byte[48];
    byte[] wc = new byte[32];
    assertThat(DepositSsz.depositMessageRoot(pubkey, wc, 1))
        .isNotEqualTo(DepositSsz.depositMessageRoot(pubkey, wc, 1L << 56));
  }

  @Test
  void wrongLengthsAreRefused() {
    assertThatThrownBy(() -> DepositSsz.depositMessageRoot(new byte[47], new byte[32], 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DepositSsz.depositDataRoot(new byte[48], new byte[32], 1, new byte[95]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DepositSsz.signingRoot(new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
