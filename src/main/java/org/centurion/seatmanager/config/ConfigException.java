package org.centurion.seatmanager.config;

import java.util.List;

/**
 * Configuration that cannot be run. Carries every problem found, one line each, each naming the
 * variable and the fix. Messages never contain a secret's value.
 */
public final class ConfigException extends RuntimeException {
  /** The exit code of a command refused for its configuration. */
  public static final int EXIT_CODE = 2;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
