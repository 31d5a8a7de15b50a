package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 13: temporary passwords expire and say so; a promotion ends the user's sessions. Real PostgreSQL. */
class AccountLifecycleTest {
  static Database db;
  static TestClock clock = TestClock.now();
  static UserService users;
  static SessionService sessions;
  static LoginService login;

  @BeforeAll
  static void start() {
    // (an enabled ADMIN exists in any real installation; role changes refuse to remove the last one)
    db = Database.open(TestDatabases.fresh(), "account-lifecycle-test", 4);
    new Migrations(db.dataSource()).migrate();
    PasswordHasher hasher = new PasswordHasher();
    users = new UserService(db.jdbi(), hasher, clock, PasswordCheck.Lockout.defaults(), Duration.ofHours(2));
    sessions = new SessionService(db.jdbi(), new Hmac(Secret.ofHex(TestSecrets.hex32())), clock,
        Duration.ofMinutes(30), Duration.ofHours(12));
    login = new LoginService(users, sessions, hasher, clock, new LoginLimits(1000, 1000, 1000, 1000));
    users.create(SecurityFixture.uniqueName("admin"), Role.ADMIN, Optional.empty());
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  static String loginCode(String username, String password) {
    try {
      login.login(username, password, "10.0.0.2");
      return "OK";
    } catch (LoginService.Refused r) {
      return r.error().code();
    }
  }

  @Test
  void aTemporaryPasswordWorksForItsConfiguredTimeThenSaysItExpired() {
    String name = SecurityFixture.uniqueName("temp");
    UserService.Created c = users.create(name, Role.OPERATOR, Optional.empty());
    String temporary = c.generatedPassword().orElseThrow();
    assertThat(Duration.between(clock.instant(), users.stored(name).orElseThrow().temporaryUntil()))
        .isBetween(Duration.ofHours(2).minusMillis(1), Duration.ofHours(2).plusMillis(1));
    assertThat(loginCode(name, temporary)).isEqualTo("OK");
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(loginCode(name, temporary)).isEqualTo("OK");
    clock.advance(Duration.ofSeconds(2));
    assertThat(loginCode(name, temporary)).isEqualTo(UserService.TEMPORARY_PASSWORD_EXPIRED);
    // a wrong password still gets the generic answer: only the holder of the password learns of the expiry
    assertThat(loginCode(name, "not-the-password-at-all")).isEqualTo(LoginService.INVALID_CREDENTIALS);
    assertThatThrownBy(() -> users.changeOwnPassword(c.user().id(), temporary, "Own-" + Tokens.random256(), -1))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo(UserService.TEMPORARY_PASSWORD_EXPIRED);
    // an ADMIN reset starts a new period; the user's own password never expires
    String again = users.resetPassword(c.user().id(), Optional.empty()).orElseThrow();
    String own = "Own-" + Tokens.random256();
    users.changeOwnPassword(c.user().id(), again, own, -1);
    clock.advance(Duration.ofDays(30));
    assertThat(loginCode(name, own)).isEqualTo("OK");
  }

  @Test
  void aPromotionEndsTheUsersSessionsAsADemotionDoes() {
    UserService.Created c = users.create(SecurityFixture.uniqueName("promo"), Role.VIEWER, Optional.empty());
    users.changeOwnPassword(c.user().id(), c.generatedPassword().orElseThrow(), "Own-" + Tokens.random256(), -1);
    NewSession viewerSession = sessions.create(users.find(c.user().id()).orElseThrow(), "10.0.0.2");
    assertThat(sessions.resolve(viewerSession.token(), true)).isPresent();
    users.update(c.user().id(), Optional.of(Role.OPERATOR), Optional.empty());
    assertThat(sessions.resolve(viewerSession.token(), true)).as("promoted to OPERATOR").isEmpty();
    NewSession operatorSession = sessions.create(users.find(c.user().id()).orElseThrow(), "10.0.0.2");
    users.update(c.user().id(), Optional.of(Role.ADMIN), Optional.empty());
    assertThat(sessions.resolve(operatorSession.token(), true)).as("promoted to ADMIN").isEmpty();
  }

  @Test
  void inProductionAnAdminPasswordNeedsTwentyCharacters() {
    UserService production = new UserService(db.jdbi(), new PasswordHasher(), clock, PasswordCheck.Lockout.defaults(),
        Duration.ofHours(24), PasswordPolicy.ADMIN_PRODUCTION_MIN_LENGTH);
    String nineteen = "Nineteen-chars-pw-1";
    assertThat(nineteen).hasSize(19);
    assertThatThrownBy(() -> production.create(SecurityFixture.uniqueName("adm"), Role.ADMIN, Optional.of(nineteen)))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("PASSWORD_POLICY");
    assertThat(production.create(SecurityFixture.uniqueName("op"), Role.OPERATOR, Optional.of(nineteen)).user().role())
        .isEqualTo(Role.OPERATOR);
    UserService.Created admin = production.create(SecurityFixture.uniqueName("adm"), Role.ADMIN, Optional.of(nineteen + "x"));
    // the admin's own change and an ADMIN reset are held to the same minimum
    assertThatThrownBy(() -> production.changeOwnPassword(admin.user().id(), nineteen + "x", "Another-19-chars-pw", -1))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("PASSWORD_POLICY");
    assertThatThrownBy(() -> production.resetPassword(admin.user().id(), Optional.of("Another-19-chars-pw")))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("PASSWORD_POLICY");
  }
}
