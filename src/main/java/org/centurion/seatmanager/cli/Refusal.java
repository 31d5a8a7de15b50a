package org.centurion.seatmanager.cli;

import java.io.PrintStream;
import java.util.List;
import org.centurion.seatmanager.config.ConfigException;

/** How a command reports that it will not run: every problem, one line each, on stderr, exit 2. */
public final class Refusal {
  private Refusal() {}

  public static int report(PrintStream err, String command, List<String> problems) {
    err.println("seat-manager " + command + ": refusing to start (" + problems.size()
        + (problems.size() == 1 ? " problem" : " problems") + "):");
    for (String p : problems) {
      err.println("  - " + p);
    }
    return ConfigException.EXIT_CODE;
  }

  public static int report(PrintStream err, String command, ConfigException e) {
    return report(err, command, e.problems());
  }
}
