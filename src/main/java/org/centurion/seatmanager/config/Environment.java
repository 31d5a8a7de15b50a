package org.centurion.seatmanager.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a command runs with: the process environment over a {@code .env} file. The real
 * environment wins, so an operator can override one value without editing the file.
 */
public final class Environment {
  private final Map<String, String> values;
  private final Set<String> fileKeys;

  public Environment(Map<String, String> values) {
    this(values, Set.of());
  }

  private Environment(Map<String, String> values, Set<String> fileKeys) {
    this.values = Map.copyOf(values);
    this.fileKeys = Set.copyOf(fileKeys);
  }

  /** The process environment over {@code envFile} (absent file: environment only). */
  public static Environment load(Map<String, String> processEnv, Path envFile) {
    Map<String, String> file = EnvFile.read(envFile);
    Map<String, String> merged = new HashMap<>(file);
    merged.putAll(processEnv);
    return new Environment(merged, file.keySet());
  }

  /** The keys the {@code .env} file set (whatever the process environment overrode). */
  public Set<String> fileKeys() {
    return fileKeys;
  }

  /** A value, blank treated as unset. */
  public Optional<String> get(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public boolean isSet(String name) {
    return get(name).isPresent();
  }

  public Map<String, String> asMap() {
    return values;
  }
}
