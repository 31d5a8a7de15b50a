package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The factory builds the signer each writes mode names, and each one signs for the expected address. */
class TreasurySignersTest {
  private static final Config.Chain CHAIN = new Config.Chain(286, List.of(), List.of(), 1, Optional.of(TestPolicies.DEPOSIT),
      Optional.of(TestPolicies.FACTORY), Optional.of("0x00000000000000000000000000000000000a11ce"), Optional.of(TestPolicies.PRINCIPAL), Optional.empty(),
      Optional.empty(), Optional.empty(), 1, 500, BigInteger.ONE, false, 10, Optional.empty());
  private static final String ROUTER = "0x00000000000000000000000000000000000a11ce";
  private static final RawTransaction TX = RawTransaction.createTransaction(286, BigInteger.ZERO, BigInteger.valueOf(100_000),
      ROUTER, BigInteger.ZERO, TestPolicies.allowedCall(), BigInteger.ONE, BigInteger.TEN.pow(9));

  @TempDir Path dir;

  private static Config.Writes writes(Config.SignerMode mode, Optional<Secret> key, Optional<String> kmsKey, Optional<String> region,
      Optional<String> kmsEndpoint, Optional<Config.RemoteSigner> remote) {
    return new Config.Writes(true, mode, key, kmsKey, region, kmsEndpoint, remote);
  }

  @Test
  void disabledWritesBuildASignerThatRefusesEverything() {
    TreasurySigner s = TreasurySigners.fromConfig(Config.Writes.disabled(), CHAIN);
    assertThat(s.mode()).isEqualTo("disabled");
    assertThatThrownBy(() -> s.sign(TX, 286)).isInstanceOf(SigningException.class)
        .satisfies(e -> assertThat(((SigningException) e).code()).isEqualTo(SigningErrorCode.WRITES_DISABLED));
  }

  @Test
  void aLocalKeySignsAsItsAddressAndNeverPrintsTheKey() {
    String hex = TestSecrets.hex32();
    TreasurySigner s = TreasurySigners.fromConfig(writes(Config.SignerMode.LOCAL_KEY, Optional.of(Secret.ofHex(hex)),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), CHAIN);
    assertThat(s.mode()).isEqualTo("local");
    assertThat(s.address()).isEqualTo(Credentials.create(hex).getAddress());
    assertThat(s.sign(TX, 286).from()).isEqualTo(s.address());
    assertThat(s.toString()).doesNotContain(hex);
  }

  @Test
  void kmsModeTalksToTheConfiguredEndpoint() throws Exception {
    try (FakeKms kms = new FakeKms("alias/treasury", "ECC_SECG_P256K1")) {
      TreasurySigner s = TreasurySigners.fromConfig(writes(Config.SignerMode.KMS, Optional.empty(), Optional.of("alias/treasury"),
              Optional.of("eu-central-1"), Optional.of(kms.endpoint().toString()), Optional.empty()), CHAIN,
          StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret-not-real")));
      try {
        assertThat(s.mode()).isEqualTo("kms");
        assertThat(s.address()).isEqualTo(kms.expectedAddress());
        assertThat(s.sign(TX, 286).from()).isEqualTo(kms.expectedAddress());
      } finally {
        ((AutoCloseable) s).close();
      }
    }
    assertThatThrownBy(() -> TreasurySigners.fromConfig(writes(Config.SignerMode.KMS, Optional.empty(), Optional.of("k"),
            Optional.empty(), Optional.empty(), Optional.empty()), CHAIN,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x"))))
        .isInstanceOf(SigningException.class).hasMessageContaining("SEAT_MANAGER_KMS_REGION");
  }

  @Test
  void remoteModeConnectsToTheIsolatedSignerOverTcpWithTheSharedSecret() throws Exception {
    String secretHex = TestSecrets.hex32();
    LocalKeySigner key = LocalKeySigner.fromHex(TestSecrets.hex32().toCharArray());
    SignerPolicy policy = new SignerPolicy(286, ROUTER, BigInteger.TEN.pow(20), BigInteger.TEN.pow(11), BigInteger.valueOf(500_000));
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(policy, dir), TestPolicies.log(dir), Optional.of(SharedSecret.fromHex(secretHex)), Clock.systemUTC())) {
      SignerEndpoint bound = server.start(new SignerEndpoint.LoopbackTcp(0));
      int port = ((SignerEndpoint.LoopbackTcp) bound).port();
      TreasurySigner s = TreasurySigners.fromConfig(writes(Config.SignerMode.REMOTE, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.of(new Config.RemoteSigner(Optional.empty(), Optional.of(port),
              Optional.of(Secret.ofBytes(HexFormat.of().parseHex(secretHex)))))), CHAIN);
      assertThat(s.mode()).isEqualTo("remote");
      assertThat(s.address()).isEqualTo(key.address());
      assertThat(s.sign(TX, 286).from()).isEqualTo(key.address());
    }
    assertThatThrownBy(() -> TreasurySigners.fromConfig(writes(Config.SignerMode.REMOTE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.of(new Config.RemoteSigner(Optional.of(dir.resolve("nobody.sock")),
                Optional.empty(), Optional.empty()))), CHAIN))
        .isInstanceOf(SigningException.class)
        .satisfies(e -> assertThat(((SigningException) e).code()).isEqualTo(SigningErrorCode.SIGNER_UNAVAILABLE));
  }
}
