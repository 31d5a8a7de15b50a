package org.centurion.seatmanager.devnet.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.devnet.DevnetOps;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.DevnetValidatorKey.DepositData;
import org.junit.jupiter.api.Test;

class DepositSignatureVerifierTest {
  static final byte[] FORK = {0x10, 0x00, 0x01, 0x1e};
  final DepositSignatureVerifier verifier = new DepositSignatureVerifier(FORK);
  final DevnetValidatorKey key = DevnetValidatorKey.random();
  final byte[] wc = DevnetOps.withdrawalCredentials("0x412a91402f3d3baee3612d5b5d0ba43542b7adf9");
  final DepositData d = key.depositData(wc, 32_000_000_000L, FORK);

  @Test
  void acceptsTheKeysOwnDepositSignature() {
    assertThat(verifier.isValid(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), d.signature())).isTrue();
  }

  @Test
  void rejectsAnotherForkAnotherMessageAnotherKey() {
    assertThat(new DepositSignatureVerifier(new byte[4])
        .isValid(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), d.signature())).isFalse();
    byte[] otherWc = wc.clone();
    otherWc[31] ^= 1;
    assertThat(verifier.isValid(d.pubkey(), otherWc, d.amountGwei(), d.signature())).isFalse();
    assertThat(verifier.isValid(d.pubkey(), wc, 31_000_000_000L, d.signature())).isFalse();
    assertThat(verifier.isValid(DevnetValidatorKey.random().pubkey(), wc, d.amountGwei(), d.signature())).isFalse();
  }

  @Test
  void rejectsMalformedAndInfinityPoints() {
    assertThat(verifier.isValid(new byte[48], wc, d.amountGwei(), d.signature())).isFalse();
    byte[] infinityPk = new byte[48];
    infinityPk[0] = (byte) 0xc0;
    byte[] infinitySig = new byte[96];
    infinitySig[0] = (byte) 0xc0;
    assertThat(verifier.isValid(infinityPk, wc, d.amountGwei(), infinitySig)).isFalse();
    assertThat(verifier.isValid(d.pubkey(), wc, d.amountGwei(), new byte[96])).isFalse();
    assertThat(verifier.isValid(d.pubkey(), wc, d.amountGwei(), new byte[95])).isFalse();
    byte[] flipped = d.signature().clone();
    flipped[10] ^= 0x40;
    assertThat(verifier.isValid(d.pubkey(), wc, d.amountGwei(), flipped)).isFalse();
  }

  @Test
  void mainnetDepositDomainVector() {
    assertThat(org.web3j.utils.Numeric.toHexString(DepositSsz.depositDomain(ForkVersion.of(new byte[4]))))
        .isEqualTo("0x03000000f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a9");
  }
}
