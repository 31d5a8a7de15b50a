package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "every password check counts": login, own password change, step-up (and the console's
 * re-authentication, which is step-up) share one failure counter and one lockout, and concurrent
 * guesses cannot slip past the threshold. Real PostgreSQL, real Argon2id; the throttles are opened
 * wide so only the lockout stands in the way.
 */
class PasswordLockoutTest {
  static Database db;
  static PasswordHasher hasher;
  static UserService users;
  static SessionService sessions;
  static LoginService login;
  static StepUpService stepUp;
  static final String ROUTE = "POST /v1/users";
  static final LoginLimits OPEN = new LoginLimits(1000, 1000, 1000, 1000);

  @BeforeAll
  static void start() {
    db = Database.open(TestDatabases.fresh(), "lockout-test", 20);
    new Migrations(db.dataSource()).migrate();
    TestClock clock = TestClock.now();
    hasher = new PasswordHasher();
    users = new UserService(db.jdbi(), hasher, clock, PasswordCheck.Lockout.defaults());
    sessions = new SessionService(db.jdbi(), new Hmac(Secret.ofHex(TestSecrets.hex32())), clock,
        java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12));
    login = new LoginService(users, sessions, hasher, clock, OPEN);
    stepUp = new StepUpService(users, hasher, new Hmac(Secret.ofHex(TestSecrets.hex32())), clock, OPEN);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  record Account(long id, String username, String password) {}

  static Account account() {
    String name = SecurityFixture.uniqueName("lock");
    UserService.Created c = users.create(name, Role.ADMIN, Optional.empty());
    String pw = "Perm-" + Tokens.random256();
    users.changeOwnPassword(c.user().id(), c.generatedPassword().orElseThrow(), pw, -1);
    return new Account(c.user().id(), name, pw);
  }

  static String loginReason(Account a, String password) {
    try {
      login.login(a.username(), password, "10.0.0.1");
      return "OK";
    } catch (LoginService.Refused r) {
      return r.auditReason();
    }
  }

  @Test
  void tenConcurrentWrongGuessesReachTheHashAtMostThresholdTimes() throws Exception {
    Account a = account();
    long before = hasher.storedHashChecks();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> guesses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      guesses.add(pool.submit(() -> {
        go.await();
        return loginReason(a, "wrong-guess-number-" + n);
      }));
    }
    go.countDown();
    List<String> reasons = new ArrayList<>();
    for (Future<String> f : guesses) {
      reasons.add(f.get());
    }
    pool.shutdown();
    assertThat(hasher.storedHashChecks() - before).as(reasons.toString()).isLessThanOrEqualTo(5);
    assertThat(reasons).doesNotContain("OK");
    assertThat(reasons.stream().filter(r -> r.equals("ACCOUNT_LOCKED")).count()).isGreaterThanOrEqualTo(5);
    // locked: even the right password is not checked, and answers like a wrong one
    long locked = hasher.storedHashChecks();
    assertThat(loginReason(a, a.password())).isEqualTo("ACCOUNT_LOCKED");
    assertThat(hasher.storedHashChecks()).isEqualTo(locked);
  }

  @Test
  void loginStepUpAndPasswordChangeFailuresShareOneCounter() {
    Account a = account();
    NewSession s = sessions.create(users.find(a.id()).orElseThrow(), "10.0.0.1");
    assertThat(loginReason(a, "wrong-1-wrong-1-wrong")).isEqualTo("WRONG_PASSWORD");
    assertThatThrownBy(() -> stepUp.issue(s.sessionId(), a.id(), "wrong-2-wrong-2-wrong", null, ROUTE))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("STEP_UP_FAILED");
    assertThatThrownBy(() -> users.changeOwnPassword(a.id(), "wrong-3-wrong-3-wrong", "New-" + Tokens.random256(), s.sessionId()))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("CURRENT_PASSWORD_WRONG");
    assertThatThrownBy(() -> stepUp.issue(s.sessionId(), a.id(), "wrong-4-wrong-4-wrong", null, ROUTE))
        .isInstanceOf(Problem.class);
    assertThat(loginReason(a, "wrong-5-wrong-5-wrong")).isEqualTo("WRONG_PASSWORD_NOW_LOCKED");
    // locked for every path, even with the right password
    assertThat(loginReason(a, a.password())).isEqualTo("ACCOUNT_LOCKED");
    assertThatThrownBy(() -> stepUp.issue(s.sessionId(), a.id(), a.password(), null, ROUTE))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("STEP_UP_FAILED");
    assertThatThrownBy(() -> users.changeOwnPassword(a.id(), a.password(), "New-" + Tokens.random256(), s.sessionId()))
        .isInstanceOf(Problem.class).extracting(e -> ((Problem) e).code()).isEqualTo("CURRENT_PASSWORD_WRONG");
  }

  @Test
  void aSuccessClearsTheCountAndFourFailuresDoNotLock() {
    Account a = account();
    NewSession s = sessions.create(users.find(a.id()).orElseThrow(), "10.0.0.1");
    for (int i = 0; i < 4; i++) {
      assertThat(loginReason(a, "wrong-wrong-wrong-" + i)).isEqualTo("WRONG_PASSWORD");
    }
    stepUp.issue(s.sessionId(), a.id(), a.password(), null, ROUTE);
    for (int i = 0; i < 4; i++) {
      assertThat(loginReason(a, "wrong-wrong-wrong-" + i)).isEqualTo("WRONG_PASSWORD");
    }
    assertThat(loginReason(a, a.password())).isEqualTo("OK");
  }
}
