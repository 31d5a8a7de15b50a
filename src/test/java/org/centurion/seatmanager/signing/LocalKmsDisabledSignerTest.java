package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.signing.SignerTestChain.CHAIN_ID;
import static org.centurion.seatmanager.signing.SignerTestChain.ETHER;
import static org.centurion.seatmanager.signing.SignerTestChain.transfer;

import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class LocalKmsDisabledSignerTest {
  private static final String RECIPIENT = "0x00000000000000000000000000000000000c0ffe";
  private static SignerTestChain chain;

  @BeforeAll
  static void startChain() throws Exception {
    chain = SignerTestChain.start();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  static String randomKeyHex() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Numeric.toHexStringNoPrefixZeroPadded(new BigInteger(1, k).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE), 64);
  }

  static KmsSigner kmsSigner(FakeKms kms, String keyId) {
    return KmsSigner.connect(
        new KmsSettings(keyId, "eu-central-1", Optional.of(kms.endpoint()), Duration.ofSeconds(5)),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret-not-real")));
  }

  @Test
  void localKeySignerIsAcceptedByAnvilFromItsAddressWithLowS() throws Exception {
    String hex = randomKeyHex();
    LocalKeySigner signer = LocalKeySigner.fromHex(("0x" + hex).toCharArray());
    String expected = Credentials.create(hex).getAddress();
    assertThat(signer.address()).isEqualToIgnoringCase(expected);
    assertThat(signer.mode()).isEqualTo("local");
    chain.fund(expected, ETHER);
    BigInteger before = chain.balance(RECIPIENT);
    for (int i = 0; i < 5; i++) {
      SignedTransaction signed = signer.sign(transfer(BigInteger.valueOf(i), RECIPIENT, BigInteger.valueOf(1000 + i)), CHAIN_ID);
      assertThat(signed.nonce()).isEqualTo(i);
      chain.sendAndCheck(signed, expected);
    }
    assertThat(chain.balance(RECIPIENT).subtract(before)).isEqualTo(BigInteger.valueOf(5 * 1000 + 10));
  }

  @Test
  void localKeyNeverAppearsInToStringOrErrors() {
    String hex = randomKeyHex();
    LocalKeySigner signer = LocalKeySigner.fromHex(hex.toCharArray());
    assertThat(signer.toString()).doesNotContain(hex).doesNotContain(hex.substring(0, 16)).contains("redacted");
    String almost = hex.substring(0, 63) + "g";
    assertThatThrownBy(() -> LocalKeySigner.fromHex(almost.toCharArray()))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.INVALID_KEY))
        .message().doesNotContain(hex.substring(0, 16));
    assertThatThrownBy(() -> LocalKeySigner.fromHex(hex.substring(2).toCharArray()))
        .isInstanceOf(SigningException.class);
    assertThatThrownBy(() -> LocalKeySigner.fromHex(Numeric.toHexStringNoPrefixZeroPadded(Secp256k1.N, 64).toCharArray()))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.INVALID_KEY));
    assertThatThrownBy(() -> LocalKeySigner.fromHex("0".repeat(64).toCharArray())).isInstanceOf(SigningException.class);
    // a key file's trailing newline is tolerated
    assertThat(LocalKeySigner.fromHex((hex + "\n").toCharArray()).address()).isEqualTo(signer.address());
  }

  @Test
  void signerRefusesOtherChainsLegacyTransactionsAndContractCreation() {
    LocalKeySigner signer = LocalKeySigner.fromHex(randomKeyHex().toCharArray());
    assertThatThrownBy(() -> signer.sign(transfer(BigInteger.ZERO, RECIPIENT, BigInteger.ONE), 1))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.CHAIN_ID_MISMATCH));
    RawTransaction legacy = RawTransaction.createEtherTransaction(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(21000), RECIPIENT, BigInteger.ONE);
    assertThatThrownBy(() -> signer.sign(legacy, CHAIN_ID))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.UNSUPPORTED_TRANSACTION));
    RawTransaction noPrefix = RawTransaction.createTransaction(CHAIN_ID, BigInteger.ZERO, BigInteger.valueOf(21000),
        RECIPIENT.substring(2), BigInteger.ONE, "0x", BigInteger.ONE, BigInteger.TWO);
    assertThatThrownBy(() -> signer.sign(noPrefix, CHAIN_ID))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.UNSUPPORTED_TRANSACTION));
    RawTransaction create = RawTransaction.createTransaction(CHAIN_ID, BigInteger.ZERO, BigInteger.valueOf(100000), "", BigInteger.ZERO, "0x6000", BigInteger.ONE, BigInteger.TWO);
    assertThatThrownBy(() -> signer.sign(create, CHAIN_ID))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.UNSUPPORTED_TRANSACTION));
  }

  @Test
  void disabledSignerRefusesEverythingWithWritesDisabled() {
    DisabledSigner signer = new DisabledSigner();
    assertThat(signer.mode()).isEqualTo("disabled");
    assertThatThrownBy(() -> signer.sign(transfer(BigInteger.ZERO, RECIPIENT, BigInteger.ONE), CHAIN_ID))
        .isInstanceOf(WritesDisabledException.class)
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.WRITES_DISABLED));
    assertThatThrownBy(signer::address).isInstanceOf(WritesDisabledException.class);
  }

  @Test
  void kmsSignerNormalisesHighSAndIsAcceptedByAnvilFromTheKmsAddress() throws Exception {
    try (FakeKms kms = new FakeKms("treasury-key-1", "ECC_SECG_P256K1");
        KmsSigner signer = kmsSigner(kms, "treasury-key-1")) {
      assertThat(signer.address()).isEqualToIgnoringCase(kms.expectedAddress());
      assertThat(signer.mode()).isEqualTo("kms");
      chain.fund(signer.address(), ETHER);
      int n = 24;
      for (int i = 0; i < n; i++) {
        SignedTransaction signed = signer.sign(transfer(BigInteger.valueOf(i), RECIPIENT, BigInteger.ONE), CHAIN_ID);
        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(signed.rawHex());
        assertThat(new BigInteger(1, decoded.getSignatureData().getS())).isLessThanOrEqualTo(Secp256k1.HALF_N);
        chain.sendAndCheck(signed, kms.expectedAddress());
      }
      assertThat(kms.signCalls()).isEqualTo(n);
      // P(no high s in 24 coin flips) = 2^-24: the normalisation path was exercised.
      assertThat(kms.highSReturned()).isBetween(1, n - 1);
      assertThat(chain.nonce(signer.address())).isEqualTo(n);
    }
  }

  @Test
  void kmsSignerRejectsAKeyThatIsNotSecp256k1AtStart() throws Exception {
    try (FakeKms kms = new FakeKms("nist-key", "ECC_NIST_P256")) {
      assertThatThrownBy(() -> kmsSigner(kms, "nist-key"))
          .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.KMS_KEY_UNSUITABLE))
          .hasMessageContaining("ECC_NIST_P256");
    }
  }

  @Test
  void kmsSignerReportsAnUnknownKeyAsAKmsFailure() throws Exception {
    try (FakeKms kms = new FakeKms("real-key", "ECC_SECG_P256K1")) {
      assertThatThrownBy(() -> kmsSigner(kms, "other-key"))
          .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.KMS_FAILURE))
          .message().doesNotContain("test-secret-not-real");
    }
  }

  @Test
  void kmsSignerFailsClearlyWhenKmsIsUnreachable() throws Exception {
    int port = org.centurion.seatmanager.devnet.Anvil.freePort();
    assertThatThrownBy(
            () -> KmsSigner.connect(
                new KmsSettings("k", "eu-central-1", Optional.of(URI.create("http://127.0.0.1:" + port)), Duration.ofSeconds(2)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x"))))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.KMS_FAILURE));
  }

  @Test
  void derDecodingRejectsMalformedAndOutOfRangeSignatures() throws Exception {
    assertThatThrownBy(() -> KmsSigner.decodeDerSignature(new byte[] {0x30, 0x00}))
        .isInstanceOf(SigningException.class);
    assertThatThrownBy(() -> KmsSigner.decodeDerSignature(new byte[] {1, 2, 3}))
        .isInstanceOf(SigningException.class);
    byte[] rEqualsN = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
          new org.bouncycastle.asn1.ASN1Integer(Secp256k1.N), new org.bouncycastle.asn1.ASN1Integer(BigInteger.ONE)}).getEncoded();
    assertThatThrownBy(() -> KmsSigner.decodeDerSignature(rEqualsN)).isInstanceOf(SigningException.class);
  }
}
