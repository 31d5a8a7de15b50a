package org.centurion.seatmanager.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Temporary directories for fixtures that outlive one test method (a signer's state, a testbed's
 * keys): removed with everything in them when the test JVM exits, so a run leaves nothing behind in
 * the temporary directory, least of all key material.
 */
public final class TestDirectories {
  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDirectories::removeAll, "test-directories-cleanup"));
  }

  private TestDirectories() {}

  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      CREATED.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file in a directory of its own, removed as above. */
  public static Path file(String prefix, String suffix) {
    return create(prefix).resolve(prefix + suffix);
  }

  private static void removeAll() {
    for (Path dir : CREATED) {
      try {
        delete(dir);
      } catch (IOException e) {
        // the JVM is exiting: nothing better to do than leave it
      }
    }
  }

  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
