package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void policyRules() {
    assertThat(PasswordPolicy.problem("alice", "a-long-enough-password")).isEmpty();
    assertThat(PasswordPolicy.problem("alice", "fifteen-chars-x")).hasValueSatisfying(p -> assertThat(p).contains("16"));
    assertThat(PasswordPolicy.problem("alice", "sixteen-chars-xx")).isEmpty();
    assertThat(PasswordPolicy.problem("alice", "x".repeat(256))).isEmpty();
    assertThat(PasswordPolicy.problem("alice", "x".repeat(257))).isPresent();
    assertThat(PasswordPolicy.problem("alice", "my-ALICE-password-123")).hasValueSatisfying(p -> assertThat(p).contains("username"));
    // counted in characters, not UTF-16 units: 16 emoji are 16 characters
    assertThat(PasswordPolicy.problem("alice", "🔑".repeat(16))).isEmpty();
    assertThat(PasswordPolicy.problem("alice", "🔑".repeat(8))).isPresent();
  }

  @Test
  void thePublishedPasswordIsRecognisedByDigestOnly() {
    // the value itself is not in this repository; anything else must not be mistaken for it
    assertThat(PasswordPolicy.isPublishedTemporaryPassword("a-long-enough-password")).isFalse();
    assertThat(PasswordPolicy.isPublishedTemporaryPassword("")).isFalse();
    // the comparison itself, on a value that may be written down (SHA-256 of "abc", FIPS 180-2)
    byte[] abc = java.util.HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(PasswordPolicy.hasDigest("abc", abc)).isTrue();
    assertThat(PasswordPolicy.hasDigest("abd", abc)).isFalse();
  }

  @Test
  void tokensAreFreshRandomness() {
    // a token is 256 random bits: two never repeat and none is the encoding of zero bytes
    String a = Tokens.random256();
    String b = Tokens.random256();
    assertThat(a).hasSize(43).isNotEqualTo(b).isNotEqualTo("A".repeat(43));
    assertThat(Tokens.newSessionToken()).isNotEqualTo(Tokens.newSessionToken());
    assertThat(Tokens.randomBytes(32)).hasSize(32).isNotEqualTo(new byte[32]);
  }

  @Test
  void argon2idWithAtLeastTheRequiredCost() {
    PasswordHasher hasher = new PasswordHasher();
    String hash = hasher.hash("a-long-enough-password");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.matches("a-long-enough-password", hash)).isTrue();
    assertThat(hasher.matches("a-long-enough-passworD", hash)).isFalse();
    assertThat(hasher.hash("a-long-enough-password")).as("salted").isNotEqualTo(hash);
    assertThat(hasher.matchesNothing("a-long-enough-password")).isFalse();
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      hasher.matches("a-long-enough-password", hash);
    }
    long perHashMs = (System.nanoTime() - t0) / 3 / 1_000_000;
    System.out.println("argon2id m=19MiB t=2 p=1 verify: " + perHashMs + " ms");
    assertThat(perHashMs).isPositive();
  }
}
