package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.crypto.RawTransaction;
import tools.jackson.databind.JsonNode;

/**
 * Whatever arrives, the authenticated signer answers with a well-formed refusal and never reaches
 * the key. Mutations of real frames with a fixed seed: reproducible, and without Jazzer's agent,
 * which instruments every class loaded after it and slowed the whole suite.
 */
class SignerServerFuzzTest {
  private static final AtomicInteger signatures = new AtomicInteger();
  private static final TreasurySigner COUNTING = new TreasurySigner() {
    private final LocalKeySigner key = LocalKeySigner.fromHex("11".repeat(32).toCharArray());

    @Override
    public String address() {
      return key.address();
    }

    @Override
    public SignedTransaction sign(RawTransaction transaction, long chainId) {
      signatures.incrementAndGet();
      return key.sign(transaction, chainId);
    }

    @Override
    public String mode() {
      return "counting";
    }
  };
  private static final java.nio.file.Path DIR = tempDir();
  private static final SignerServer SERVER = new SignerServer(COUNTING,
      TestPolicies.policy(new SignerPolicy(286, "0x00000000000000000000000000000000000a11ce", BigInteger.TEN.pow(20),
          BigInteger.TEN.pow(11), BigInteger.valueOf(1_000_000)), DIR), TestPolicies.log(DIR),
      Optional.of(SharedSecret.fromHex("5e".repeat(32))), Clock.systemUTC());

  private static final String SIGN_BODY = "{\"op\":\"sign\",\"chainId\":286,\"nonce\":\"0\",\"maxPriorityFeePerGas\":\"1\","
      + "\"maxFeePerGas\":\"1\",\"gasLimit\":\"21000\",\"to\":\"0x00000000000000000000000000000000000a11ce\","
      + "\"value\":\"1\",\"data\":\"0x\"}";

  private static java.nio.file.Path tempDir() {
    return org.centurion.seatmanager.testing.TestDirectories.create("signer-fuzz");
  }

  @Test
  void mutatedFramesNeverReachTheKey() {
    Random random = new Random(286);
    SharedSecret wrong = SharedSecret.fromHex("77".repeat(32));
    for (int i = 0; i < 1000; i++) {
      long ts = System.currentTimeMillis();
      String nonce = HexFormat.of().formatHex(new byte[16]).substring(0, 30) + String.format("%02x", i % 256);
      String body = i % 2 == 0 ? SIGN_BODY : "{\"op\":\"address\"}";
      String mac = HexFormat.of().formatHex(wrong.mac(SignerProtocol.requestMacInput(ts, nonce, body)));
      String frame = "{\"timestamp\":" + ts + ",\"nonce\":\"" + nonce + "\",\"body\":"
          + SignerProtocol.JSON.writeValueAsString(body) + ",\"mac\":\"" + mac + "\"}";
      assertRefusedWithoutSigning(mutate(frame, random));
    }
    for (String odd : new String[] {"", "[1,2,3]", "{\"nonce\":12}", "null", "{}", "\u0000", "{\"body\":{}}"}) {
      assertRefusedWithoutSigning(odd);
    }
  }

  private static String mutate(String frame, Random random) {
    StringBuilder sb = new StringBuilder(frame);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(4)) {
        case 0 -> sb.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 1 -> sb.deleteCharAt(at);
        case 2 -> sb.insert(at, (char) (32 + random.nextInt(95)));
        default -> sb.setLength(at);
      }
    }
    return sb.toString();
  }

  private static void assertRefusedWithoutSigning(String frame) {
    JsonNode response = SignerProtocol.parse(SERVER.handle(frame));
    JsonNode body = SignerProtocol.parse(SignerProtocol.text(response, "body"));
    assertThat(body.path("ok").asBoolean()).isFalse();
    // a stable code the signer defines (valueOf alone cannot fail an assertion: it throws or is non-null)
    assertThat(java.util.Arrays.stream(SigningErrorCode.values()).map(Enum::name))
        .contains(body.path("code").asString());
    assertThat(signatures.get()).isZero();
  }
}
