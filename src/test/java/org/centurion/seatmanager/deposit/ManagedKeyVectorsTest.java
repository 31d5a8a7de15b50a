package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import supranational.blst.SecretKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published EIP-2333, EIP-2335 and BIP-39 test vectors. */
class ManagedKeyVectorsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Bip39WordList WORDS = Bip39WordList.english();
  static final String EIP2335_PASSWORD = "\uD835\uDD31\uD835\uDD22\uD835\uDD30\uD835\uDD31\uD835\uDD2D\uD835\uDD1E\uD835\uDD30\uD835\uDD30\uD835\uDD34\uD835\uDD2C\uD835\uDD2F\uD835\uDD21\uD83D\uDD11";
  static final String EIP2335_SECRET = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

  static Stream<JsonNode> bip39Vectors() {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(TestFiles.text("vectors/bip39-english.json")).path("english").forEach(out::add);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("bip39Vectors")
  void bip39(JsonNode vector) throws Exception {
    byte[] entropy = Hex.decode(vector.get(0).stringValue());
    String phrase = vector.get(1).stringValue();
    try (Bip39Mnemonic fromEntropy = Bip39Mnemonic.fromEntropy(entropy, WORDS);
        Bip39Mnemonic parsed = Bip39Mnemonic.parse(phrase, WORDS)) {
      assertThat(fromEntropy.reveal()).isEqualTo(phrase);
      assertThat(parsed.sameAs(fromEntropy)).isTrue();
      assertThat(Hex.encode(parsed.seed("TREZOR"))).isEqualTo(vector.get(2).stringValue());
      assertThat(parsed.toString()).doesNotContain(phrase.split(" ")[0]);
    }
  }

  static Stream<JsonNode> eip2333Vectors() {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(TestFiles.text("vectors/eip2333-tree-kdf.json")).path("kdf_tests").forEach(out::add);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("eip2333Vectors")
  void eip2333(JsonNode vector) {
    SecretKey master = Eip2333.master(Hex.decode(vector.path("seed").stringValue()));
    assertThat(new BigInteger(1, master.to_bendian())).isEqualTo(vector.path("master_SK").bigIntegerValue());
    SecretKey child = Eip2333.child(master, vector.path("child_index").longValue());
    assertThat(new BigInteger(1, child.to_bendian())).isEqualTo(vector.path("child_SK").bigIntegerValue());
  }

  @Test
  void eip2333PathWalkMatchesStepByStep() {
    byte[] seed = Hex.decode(eip2333Vectors().findFirst().orElseThrow().path("seed").stringValue());
    SecretKey byPath = Eip2333.derive(seed, ValidatorKeyPath.signingKey(7));
    SecretKey k = Eip2333.master(seed);
    for (long i : new long[] {12381, 3600, 7, 0, 0}) {
      k = Eip2333.child(k, i);
    }
    assertThat(byPath.to_bendian()).isEqualTo(k.to_bendian());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"vectors/eip2335-pbkdf2.json", "vectors/eip2335-scrypt.json"})
  void eip2335DecryptsAndReencryptsByteForByte(String file) throws Exception {
    String vector = TestFiles.text(file);
    assertThat(Hex.encode(Eip2335Keystore.decrypt(vector, EIP2335_PASSWORD))).isEqualTo(EIP2335_SECRET);

    JsonNode v = JSON.readTree(vector);
    JsonNode kdf = v.path("crypto").path("kdf");
    KeystoreKdf params =
        kdf.path("function").stringValue().equals("scrypt")
            ? new KeystoreKdf.Scrypt(kdf.path("params").path("n").intValue(), kdf.path("params").path("r").intValue(), kdf.path("params").path("p").intValue())
            : new KeystoreKdf.Pbkdf2(kdf.path("params").path("c").intValue());
    String ours =
        Eip2335Keystore.encrypt(
            Hex.decode(EIP2335_SECRET), EIP2335_PASSWORD, Hex.decode(v.path("pubkey").stringValue()), v.path("path").stringValue(), params,
            new Eip2335Keystore.Randomness(
                Hex.decode(kdf.path("params").path("salt").stringValue()),
                Hex.decode(v.path("crypto").path("cipher").path("params").path("iv").stringValue()),
                UUID.fromString(v.path("uuid").stringValue())),
            v.path("description").stringValue());
    assertThat(JSON.readTree(ours)).isEqualTo(v);
  }

  @Test
  void eip2335PasswordProcessingDropsControlCodes() {
    assertThat(Eip2335Keystore.processPassword("a\u0000b\u007fc\u0085d\u001fe"))
        .isEqualTo("abcde".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // NFKD: the fraktur letters of the vector password become plain ASCII.
    assertThat(new String(Eip2335Keystore.processPassword(EIP2335_PASSWORD), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("testpassword\uD83D\uDD11");
  }

  @Test
  void badMnemonicsAreRefusedWithoutEchoingThem() {
    String valid = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    assertThatThrownBy(() -> Bip39Mnemonic.parse(valid.replace("yellow", "zoo"), WORDS))
        .isInstanceOfSatisfying(ManagedKeyException.class, e -> assertThat(e.code()).isEqualTo(ManagedKeyException.Code.MNEMONIC_CHECKSUM))
        .message().doesNotContain("legal").doesNotContain("zoo");
    assertThatThrownBy(() -> Bip39Mnemonic.parse(valid.replace("yellow", "yelow"), WORDS))
        .isInstanceOfSatisfying(ManagedKeyException.class, e -> assertThat(e.code()).isEqualTo(ManagedKeyException.Code.MNEMONIC_INVALID))
        .message().doesNotContain("yelow");
    assertThatThrownBy(() -> Bip39Mnemonic.parse(valid.replace(" thank yellow", " yellow"), WORDS))
        .isInstanceOf(ManagedKeyException.class);
    assertThatThrownBy(() -> Bip39Mnemonic.parse(valid.replace("legal winner", "legal  winner"), WORDS))
        .isInstanceOf(ManagedKeyException.class);
    assertThatThrownBy(() -> Bip39Mnemonic.parse(valid.toUpperCase(), WORDS)).isInstanceOf(ManagedKeyException.class);
  }

  @Test
  void keyPaths() throws Exception {
    assertThat(ValidatorKeyPath.signingKey(42).toString()).isEqualTo("m/12381/3600/42/0/0");
    assertThat(ValidatorKeyPath.parse("m/12381/3600/42/0/0")).isEqualTo(ValidatorKeyPath.signingKey(42));
    for (String bad : List.of("", "m", "m/", "n/1", "m/-1", "m/01", "m/4294967296", "m/1/x", "m//1", "M/1")) {
      assertThatThrownBy(() -> ValidatorKeyPath.parse(bad)).as(bad).isInstanceOf(ManagedKeyException.class);
    }
    assertThat(ValidatorKeyPath.parse("m/4294967295").toString()).isEqualTo("m/4294967295");
  }
}
