package org.centurion.seatmanager.deposit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test resources of this package, by name. */
final class TestFiles {
  private TestFiles() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }
}
