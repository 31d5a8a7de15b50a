package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import supranational.blst.SecretKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our managed keys against what the standard deposit CLI made from the same mnemonic (the Lido devnet
 * fixture, see the resources README): same keys, byte-identical deposit data, keystores that open both
 * ways.
 */
class ManagedKeyGeneratorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Bip39WordList WORDS = Bip39WordList.english();
  private static final String MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  private static final String DEPOSIT_CLI_PASSWORD = "12345678";
  private static final ForkVersion DEVNET = ForkVersion.parse("0x10000038");
  private static final byte[] VAULT = Hex.decode("0x48b90e15bd620e44266ccbba434c3f454a12b361", 20);
  private static final KeystoreKdf CHEAP = new KeystoreKdf.Scrypt(16, 8, 1);

  @Test
  void depositDataIsByteIdenticalToTheDepositCli() throws Exception {
    JsonNode expected = JSON.readTree(TestFiles.text("keystores/lido-devnet-deposit-data-10000038.json"));
    ManagedKeyGenerator generator = new ManagedKeyGenerator(DEVNET, CHEAP, new SecureRandom(), "centurion", "seat-manager-test");
    try (Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(MNEMONIC, WORDS)) {
      for (int i = 0; i < expected.size(); i++) {
        JsonNode cli = expected.get(i);
        ManagedValidatorKey key = generator.generate(mnemonic, "pw", i, VAULT);
        DepositDataEntry ours = key.depositData();
        assertThat(key.path()).isEqualTo("m/12381/3600/" + i + "/0/0");
        assertThat(Hex.encode(ours.pubkey())).isEqualTo(cli.path("pubkey").stringValue());
        assertThat(Hex.encode(ours.withdrawalCredentials())).isEqualTo(cli.path("withdrawal_credentials").stringValue());
        assertThat(ours.amountGwei()).isEqualTo(cli.path("amount").longValue());
        assertThat(Hex.encode(ours.signature())).isEqualTo(cli.path("signature").stringValue());
        assertThat(Hex.encode(ours.depositMessageRoot())).isEqualTo(cli.path("deposit_message_root").stringValue());
        assertThat(Hex.encode(ours.depositDataRoot())).isEqualTo(cli.path("deposit_data_root").stringValue());
        assertThat(Hex.encode(ours.forkVersion())).isEqualTo(cli.path("fork_version").stringValue());
      }
    }
  }

  @Test
  void generatedDepositDataPassesTheVerifier() throws Exception {
    ManagedKeyGenerator generator = new ManagedKeyGenerator(DEVNET, CHEAP, new SecureRandom(), "centurion", "seat-manager-test");
    try (Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(MNEMONIC, WORDS)) {
      ManagedValidatorKey key = generator.generate(mnemonic, "pw", 77, VAULT);
      DepositDataVerifier verifier = new DepositDataVerifier(DEVNET, true, new BatchVerifier(1));
      byte[] file = ("[" + key.depositData().toDepositCliJson() + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      VerificationReport report =
          verifier.verifySeatSubmission(new DepositDataParser().parse(file), SeatExpectation.of(key.pubkey(), VAULT));
      assertThat(report.failures()).isEmpty();
      assertThat(report.passed()).isTrue();
      assertThat(key.toString()).doesNotContain("crypto");
    }
  }

  @Test
  void depositCliKeystoreOpensAndHoldsTheKeyWeDerive() throws Exception {
    String keystore = TestFiles.text("keystores/lido-devnet-keystore-1.json");
    byte[] secret = Eip2335Keystore.decrypt(keystore, DEPOSIT_CLI_PASSWORD);
    try (Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(MNEMONIC, WORDS)) {
      SecretKey derived = Eip2333.derive(mnemonic.seed(), ValidatorKeyPath.signingKey(1));
      assertThat(secret).isEqualTo(derived.to_bendian());
    }
    // (A wrong password is tested on cheap keystores below: each try here costs a 256 MiB scrypt.)
  }

  @Test
  void ourKeystoreHasTheDepositCliShapeAndOpens() throws Exception {
    ManagedKeyGenerator generator =
        new ManagedKeyGenerator(DEVNET, KeystoreKdf.Scrypt.DEPOSIT_CLI, new SecureRandom(), "centurion", "seat-manager-test");
    try (Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(MNEMONIC, WORDS)) {
      ManagedValidatorKey key = generator.generate(mnemonic, DEPOSIT_CLI_PASSWORD, 0, VAULT);
      JsonNode ours = JSON.readTree(key.keystoreJson());
      JsonNode cli = JSON.readTree(TestFiles.text("keystores/lido-devnet-keystore-0.json"));
      // EIP-2335 makes "description" optional; this deposit-cli file omits it, we write it.
      assertThat(ours.propertyNames()).containsAll(cli.propertyNames());
      assertThat(ours.path("crypto").path("kdf").path("params").propertyNames())
          .containsExactlyInAnyOrderElementsOf(cli.path("crypto").path("kdf").path("params").propertyNames());
      for (String same : List.of("pubkey", "path", "version")) {
        assertThat(ours.path(same)).as(same).isEqualTo(cli.path(same));
      }
      assertThat(ours.path("crypto").path("kdf").path("params").path("n")).isEqualTo(cli.path("crypto").path("kdf").path("params").path("n"));
      assertThat(ours.path("crypto").path("kdf").path("params").path("salt")).isNotEqualTo(cli.path("crypto").path("kdf").path("params").path("salt"));
      byte[] fromOurs = Eip2335Keystore.decrypt(key.keystoreJson(), DEPOSIT_CLI_PASSWORD);
      assertThat(fromOurs).isEqualTo(Eip2333.derive(mnemonic.seed(), ValidatorKeyPath.signingKey(0)).to_bendian());
    }
  }

  @Test
  void pbkdf2KeystoresRoundTrip() throws Exception {
    ManagedKeyGenerator generator = new ManagedKeyGenerator(DEVNET, new KeystoreKdf.Pbkdf2(1024), new SecureRandom(), "centurion", "t");
    try (Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(MNEMONIC, WORDS)) {
      ManagedValidatorKey key = generator.generate(mnemonic, "correct horse", 3, VAULT);
      assertThat(JSON.readTree(key.keystoreJson()).path("crypto").path("kdf").path("function").stringValue()).isEqualTo("pbkdf2");
      SecretKey derived = Eip2333.derive(mnemonic.seed(), ValidatorKeyPath.signingKey(3));
      assertThat(Eip2335Keystore.decrypt(key.keystoreJson(), "correct horse")).isEqualTo(derived.to_bendian());
    }
  }

  @Test
  void damagedOrHostileKeystoresAreRefusedWithCodes() throws Exception {
    ManagedKeyGenerator generator = new ManagedKeyGenerator(DEVNET, CHEAP, new SecureRandom(), "centurion", "t");
    String good;
    try (Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(MNEMONIC, WORDS)) {
      good = generator.generate(mnemonic, "pw", 0, VAULT).keystoreJson();
    }
    expect(good.replace("\"version\" : 4", "\"version\" : 3"), ManagedKeyException.Code.KEYSTORE_UNSUPPORTED);
    expect(good.replace("\"n\" : 16", "\"n\" : 1073741824"), ManagedKeyException.Code.KEYSTORE_UNSUPPORTED);
    expect(good.replace("\"n\" : 16", "\"n\" : 15"), ManagedKeyException.Code.KEYSTORE_UNSUPPORTED);
    expect(good.replace("\"scrypt\"", "\"argon2\""), ManagedKeyException.Code.KEYSTORE_UNSUPPORTED);
    expect(good.replace("\"aes-128-ctr\"", "\"aes-256-gcm\""), ManagedKeyException.Code.KEYSTORE_UNSUPPORTED);
    expect("not json", ManagedKeyException.Code.KEYSTORE_MALFORMED);
    expect("[]", ManagedKeyException.Code.KEYSTORE_MALFORMED);
    JsonNode tree = JSON.readTree(good);
    String cipherMessage = tree.path("crypto").path("cipher").path("message").stringValue();
    String flipped = (cipherMessage.charAt(0) == '0' ? "1" : "0") + cipherMessage.substring(1);
    expect(good.replace(cipherMessage, flipped), ManagedKeyException.Code.KEYSTORE_WRONG_PASSWORD);
    assertThatThrownBy(() -> Eip2335Keystore.decrypt(good, "pw "))
        .isInstanceOfSatisfying(ManagedKeyException.class, e -> assertThat(e.code()).isEqualTo(ManagedKeyException.Code.KEYSTORE_WRONG_PASSWORD))
        .message().doesNotContain("pw ");
    assertThat(Eip2335Keystore.decrypt(good, "p\u0000w")).hasSize(32);
    String otherPubkey = Hex.encode(DepositCliFilesTest.holeskyEntry(0).pubkey());
    expect(good.replace(tree.path("pubkey").stringValue(), otherPubkey), ManagedKeyException.Code.KEYSTORE_PUBKEY_MISMATCH);
  }

  private static void expect(String keystore, ManagedKeyException.Code code) {
    assertThatThrownBy(() -> Eip2335Keystore.decrypt(keystore, "pw"))
        .isInstanceOfSatisfying(ManagedKeyException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
