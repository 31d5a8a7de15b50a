package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: {@code secrets generate} writes SEAT_MANAGER_MFA_KEY once; an installation from before it gets the
 * key added without its HMAC secrets (and so its sessions) being touched; {@code --force} never replaces the
 * key (a new one would lock every TOTP user out).
 */
class SecretsGenerateMfaKeyTest {
  static final Pattern MFA = Pattern.compile("SEAT_MANAGER_MFA_KEY=([0-9a-f]{64})");

  static synchronized int run(String... args) {
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return Main.run(args);
    } finally {
      System.setOut(out);
    }
  }

  static String mfaKey(Path env) throws Exception {
    Matcher m = MFA.matcher(Files.readString(env));
    assertThat(m.find()).isTrue();
    String key = m.group(1);
    assertThat(m.find()).as("one MFA key line").isFalse();
    return key;
  }

  @Test
  void theMfaKeyIsAddedToAnOlderEnvFileAndNeverReplaced(@TempDir Path dir) throws Exception {
    Path env = dir.resolve(".env");
    String session = "SESSION_HMAC_SECRET=" + TestSecrets.hex32();
    String stepUp = "STEP_UP_HMAC_SECRET=" + TestSecrets.hex32();
    Files.writeString(env, session + "\n" + stepUp + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));

    assertThat(run("secrets", "generate", "--env-file", env.toString())).isZero();
    String content = Files.readString(env);
    assertThat(content).contains(session, stepUp);
    String key = mfaKey(env);

    // nothing missing now: refused without --force, as before
    assertThat(run("secrets", "generate", "--env-file", env.toString())).isEqualTo(1);
    assertThat(run("secrets", "generate", "--env-file", env.toString(), "--force")).isZero();
    assertThat(Files.readString(env)).doesNotContain(session).doesNotContain(stepUp);
    assertThat(mfaKey(env)).isEqualTo(key);
  }
}
