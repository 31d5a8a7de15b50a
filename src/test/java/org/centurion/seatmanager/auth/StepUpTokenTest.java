package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/** The step-up token's signature binds every byte: no mutation of a valid token validates, none throws. */
class StepUpTokenTest {
  static final String R = "POST /v1/seats/7/settle";

  @Test
  void mutatedTokensNeverValidate() {
    try (Database db = Database.open(TestDatabases.fresh(), "stepup-token-test", 2)) {
      new Migrations(db.dataSource()).migrate();
      TestClock clock = TestClock.now();
      PasswordHasher hasher = new PasswordHasher();
      UserService users = new UserService(db.jdbi(), hasher, clock);
      UserService.Created u = users.create("stepper", Role.ADMIN, Optional.empty());
      StepUpService stepUp = new StepUpService(users, hasher, new Hmac(Secret.ofHex(TestSecrets.hex32())), clock,
          LoginLimits.defaults());
      String token = stepUp.issue(41, u.user().id(), u.generatedPassword().orElseThrow(), null, R).stepUpToken();
      assertThat(stepUp.isValid(token, 41, u.user().id(), R)).isTrue();
      assertThat(stepUp.isValid(token, 42, u.user().id(), R)).isFalse();
      assertThat(stepUp.isValid(token, 41, u.user().id(), "POST /v1/seats/8/settle")).as("another target").isFalse();
      assertThat(stepUp.isValid(token, 41, u.user().id(), "POST /v1/seats/7/force-exit")).as("another route").isFalse();
      assertThat(stepUp.isValid(token, 41, u.user().id() + 1, R)).isFalse();

      Random random = new Random(286);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:";
      for (int i = 0; i < 5_000; i++) {
        char[] c = token.toCharArray();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        String mutated = new String(c);
        if (!mutated.equals(token)) {
          assertThat(stepUp.isValid(mutated, 41, u.user().id(), R)).as(mutated).isFalse();
        }
      }
      assertThat(stepUp.isValid(token + "x", 41, u.user().id(), R)).isFalse();
      assertThat(stepUp.isValid(token.substring(0, token.length() - 1), 41, u.user().id(), R)).isFalse();
      assertThat(stepUp.isValid("", 41, u.user().id(), R)).isFalse();
      assertThat(stepUp.isValid(null, 41, u.user().id(), R)).isFalse();
      clock.advance(StepUpService.TTL.minus(Duration.ofSeconds(1)));
      assertThat(stepUp.isValid(token, 41, u.user().id(), R)).isTrue();
      clock.advance(Duration.ofSeconds(1));
      assertThat(stepUp.isValid(token, 41, u.user().id(), R)).as("at exactly five minutes").isFalse();
    }
  }
}
