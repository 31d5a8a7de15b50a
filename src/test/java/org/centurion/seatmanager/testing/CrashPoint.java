package org.centurion.seatmanager.testing;

import java.time.Duration;

/**
 * For test-only child processes ({@link ChildProcess#startClass}): say on stdout that a point was
 * reached, then freeze right there until the test SIGKILLs the process, so the kill lands at
 * exactly that point. Halts by itself after ten minutes should the test be gone.
 */
public final class CrashPoint {
  private CrashPoint() {}

  public static void announceAndFreeze(String line) {
    System.out.println(line);
    System.out.flush();
    try {
      Thread.sleep(Duration.ofMinutes(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(137);
  }
}
