package org.centurion.seatmanager.testing;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh random secrets per run, so no test secret is ever a constant in the repository. */
public final class TestSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestSecrets() {}

  public static String hex32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
