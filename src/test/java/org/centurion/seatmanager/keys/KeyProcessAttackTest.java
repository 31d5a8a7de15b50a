package org.centurion.seatmanager.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.deposit.Eip2335Keystore;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.SignerProtocol;
import org.centurion.seatmanager.testing.TestKeyProcess;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a compromised api (code execution, so it can speak the key process's protocol with its
 * credentials) can get from the key process: a fresh key's deposit data and its keystore with the
 * password sealed, once per key. Everything else is refused with a stable code, recorded in the
 * key process's ledger, and changes nothing.
 */
class KeyProcessAttackTest {
  private static final String VAULT_A = "0x" + "a1".repeat(20);
  private static final String VAULT_B = "0x" + "b2".repeat(20);
  private static final String FORK = "0x10000910";

  @TempDir Path dir;

  @Test
  void aCompromisedApiCannotGetAnExistingKeyAgainAnotherSeatsKeystoreOrASecretAndCannotReplay() throws Exception {
    TestKeyProcess files = new TestKeyProcess(dir, FORK);
    try (KeyProcess process = files.startInProcess()) {
      KeyProcessClient api = files.client();
      KeyProcessClient.Reservation r = api.reserve();
      KeyProcessClient.IssuedKey key = api.issue(r.index(), VAULT_A);
      assertThat(key.pubkey()).isEqualTo(r.pubkey());
      assertThat(key.sealedPassword()).startsWith("v1:");
      // what api received opens nothing without the seal key: the keystore is under a password api never saw
      assertThatThrownBy(() -> Eip2335Keystore.decrypt(key.keystore(), key.sealedPassword()))
          .isInstanceOf(ManagedKeyException.class);

      // the same key again, for another vault (new deposit data = a second signature for its pubkey)
      assertRefused(() -> api.issue(r.index(), VAULT_B), KeyProcessErrorCode.KEY_ALREADY_ISSUED);
      // a key nobody reserved (e.g. the next index, to learn its keystore ahead of time)
      assertRefused(() -> api.issue(r.index() + 1, VAULT_A), KeyProcessErrorCode.KEY_NOT_RESERVED);
      // any operation that would hand out a secret or a stored keystore does not exist
      for (String op : List.of("export", "keystore", "password", "mnemonic", "sign", "address")) {
        ObjectNode body = KeyProtocol.JSON.createObjectNode();
        body.put("op", op);
        body.put("index", r.index());
        assertRefused(() -> api.call(body), KeyProcessErrorCode.OPERATION_NOT_OFFERED);
      }
      // a captured request sent again, byte for byte
      String frame = envelope(Optional.empty(), "{\"op\":\"reserve\"}", System.currentTimeMillis());
      assertThat(answer(process.endpoint(), frame).path("ok").asBoolean()).isTrue();
      assertThat(answer(process.endpoint(), frame).path("code").asString()).isEqualTo(KeyProcessErrorCode.REPLAYED_REQUEST.name());
      // garbage on the socket
      assertThat(answer(process.endpoint(), "{\"nonce\":1}").path("code").asString())
          .isEqualTo(KeyProcessErrorCode.BAD_REQUEST.name());

      List<JsonNode> refusals = ledger(files).stream().filter(n -> n.path("event").asString().equals("refused")).toList();
      assertThat(refusals).extracting(n -> n.path("code").asString()).containsExactly(
          "KEY_ALREADY_ISSUED", "KEY_NOT_RESERVED", "OPERATION_NOT_OFFERED", "OPERATION_NOT_OFFERED",
          "OPERATION_NOT_OFFERED", "OPERATION_NOT_OFFERED", "OPERATION_NOT_OFFERED", "OPERATION_NOT_OFFERED",
          "REPLAYED_REQUEST", "BAD_REQUEST");
      assertThat(refusals).allMatch(n -> n.path("at").isString() && n.path("op").isString());
      assertThat(Files.readString(files.state.resolve(KeyLedger.FILE))).as("the ledger never holds a secret")
          .doesNotContain(TestKeyProcess.MNEMONIC.substring(0, 30)).doesNotContain(key.keystore());
      assertThat(ledger(files).stream().filter(n -> n.path("event").asString().equals("issued")).count()).isEqualTo(1);
    }
  }

  @Test
  void theLedgerOutlivesARestartSoNoIndexIsHandedOutTwiceAndNoKeyIsIssuedAgain() throws Exception {
    TestKeyProcess files = new TestKeyProcess(dir, FORK);
    long issued;
    long burned;
    try (KeyProcess process = files.startInProcess()) {
      KeyProcessClient api = files.client();
      issued = api.reserve().index();
      api.issue(issued, VAULT_A);
      burned = api.reserve().index(); // reserved, never issued: api failed after it, say
    }
    try (KeyProcess process = files.startInProcess()) {
      KeyProcessClient api = files.client();
      assertRefused(() -> api.issue(issued, VAULT_B), KeyProcessErrorCode.KEY_ALREADY_ISSUED);
      assertThat(api.reserve().index()).as("a reserved index is burned, never reused").isEqualTo(burned + 1);
      // the burned index can still be issued once (its pubkey was answered; nobody has its deposit data)
      assertThat(api.issue(burned, VAULT_B).index()).isEqualTo(burned);
    }
  }

  @Test
  void overTcpOnlyTheSharedSecretsMacInTheKeyProcessesOwnDomainIsAccepted() throws Exception {
    TestKeyProcess files = new TestKeyProcess(dir, FORK);
    String secretHex = TestSecrets.hex32();
    Map<String, String> env = new HashMap<>(files.env());
    env.remove(KeyProcessSettings.SOCKET);
    env.put(KeyProcessSettings.PORT, "0");
    env.put(KeyProcessSettings.SECRET, secretHex);
    try (KeyProcess process = KeyProcess.start(KeyProcessSettings.parse(new Environment(env)), "seat-manager-test", Clock.systemUTC())) {
      SharedSecret secret = SharedSecret.fromHex(secretHex);
      KeyProcessClient good = new KeyProcessClient(process.endpoint(), Optional.of(secret), Duration.ofSeconds(30),
          Clock.systemUTC());
      assertThat(good.reserve().index()).isZero();
      SharedSecret other = SharedSecret.fromHex(TestSecrets.hex32());
      assertThat(answer(process.endpoint(), envelope(Optional.of(other), "{\"op\":\"reserve\"}", System.currentTimeMillis()))
          .path("code").asString()).isEqualTo(KeyProcessErrorCode.UNAUTHENTICATED.name());
      // and a client with the wrong secret trusts no answer (the refusal's MAC is not under its secret)
      KeyProcessClient wrong = new KeyProcessClient(process.endpoint(), Optional.of(other), Duration.ofSeconds(30),
          Clock.systemUTC());
      assertRefused(wrong::reserve, KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE);
      // a request MAC'd as the isolated signer's (same secret, signer's domain) is not a key-process request
      long ts = System.currentTimeMillis();
      String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      String body = "{\"op\":\"reserve\"}";
      String signerMac = HexFormat.of().formatHex(secret.mac("seat-manager-signer/v1 request\n" + ts + "\n" + nonce + "\n" + body));
      ObjectNode e = KeyProtocol.JSON.createObjectNode();
      e.put("timestamp", ts);
      e.put("nonce", nonce);
      e.put("body", body);
      e.put("mac", signerMac);
      assertThat(answer(process.endpoint(), KeyProtocol.JSON.writeValueAsString(e)).path("code").asString())
          .isEqualTo(KeyProcessErrorCode.UNAUTHENTICATED.name());
      assertThat(good.reserve().index()).as("refusals took no index").isEqualTo(1);
    }
  }

  @Test
  void aSealedPasswordOpensOnlyItsOwnKeystoreUnderItsOwnSealKey() {
    PasswordSeal seal = PasswordSeal.fromHex(TestSecrets.hex32(), new SecureRandom());
    String pubkeyA = "0x" + "aa".repeat(48);
    String pubkeyB = "0x" + "bb".repeat(48);
    String sealed = seal.seal("password-a", pubkeyA, "m/12381/3600/0/0/0");
    assertThat(seal.unseal(sealed, pubkeyA, "m/12381/3600/0/0/0")).isEqualTo("password-a");
    // copied onto another seat's row, or under another path, or another deployment's seal key: refused
    assertThatThrownBy(() -> seal.unseal(sealed, pubkeyB, "m/12381/3600/0/0/0"))
        .isInstanceOf(PasswordSeal.SealException.class).hasMessageStartingWith(PasswordSeal.SealException.CODE);
    assertThatThrownBy(() -> seal.unseal(sealed, pubkeyA, "m/12381/3600/1/0/0"))
        .isInstanceOf(PasswordSeal.SealException.class);
    assertThatThrownBy(() -> PasswordSeal.fromHex(TestSecrets.hex32(), new SecureRandom()).unseal(sealed, pubkeyA,
        "m/12381/3600/0/0/0")).isInstanceOf(PasswordSeal.SealException.class);
    byte[] raw = java.util.Base64.getDecoder().decode(sealed.substring(3));
    raw[raw.length - 1] ^= 1;
    assertThatThrownBy(() -> seal.unseal("v1:" + java.util.Base64.getEncoder().encodeToString(raw), pubkeyA,
        "m/12381/3600/0/0/0")).isInstanceOf(PasswordSeal.SealException.class);
    assertThat(sealed).doesNotContain("password-a");
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, KeyProcessErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KeyProcessException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static List<JsonNode> ledger(TestKeyProcess files) throws Exception {
    return Files.readAllLines(files.state.resolve(KeyLedger.FILE), StandardCharsets.UTF_8).stream()
        .map(KeyProtocol.JSON::readTree).toList();
  }

  private static String envelope(Optional<SharedSecret> secret, String body, long ts) {
    String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    ObjectNode e = KeyProtocol.JSON.createObjectNode();
    e.put("timestamp", ts);
    e.put("nonce", nonce);
    e.put("body", body);
    e.put("mac", secret.map(s -> HexFormat.of().formatHex(s.mac(KeyProtocol.requestMacInput(ts, nonce, body)))).orElse(""));
    return KeyProtocol.JSON.writeValueAsString(e);
  }

  /** The result inside the key process's response to one raw frame. */
  private static JsonNode answer(SignerEndpoint endpoint, String frame) throws Exception {
    try (SocketChannel ch = endpoint.connect()) {
      SignerProtocol.writeFrame(ch, frame);
      return KeyProtocol.JSON.readTree(SignerProtocol.parse(SignerProtocol.readFrame(ch)).path("body").asString());
    }
  }
}
