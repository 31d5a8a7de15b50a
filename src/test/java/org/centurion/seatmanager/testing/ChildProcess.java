package org.centurion.seatmanager.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code seat-manager} entry point in a separate JVM (the test class path), with
 * exactly the environment given: how an operator runs it, minus the launcher script.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Thread outPump;
  private final Thread errPump;

  private ChildProcess(Process process) {
    this.process = process;
    this.outPump = pump(process.getInputStream(), out);
    this.errPump = pump(process.getErrorStream(), err);
  }

  public static ChildProcess start(Map<String, String> env, Path workDir, String... args) throws IOException {
    return startClass("org.centurion.seatmanager.cli.Main", env, workDir, args);
  }

  /**
   * Like {@link #start} but runs another main class of the test class path: for test-only entry
   * points (e.g. the executor crash tests' child) that must not be commands of the product.
   */
  public static ChildProcess startClass(String mainClass, Map<String, String> env, Path workDir, String... args)
      throws IOException {
    return startClass(mainClass, List.of(), env, workDir, args);
  }

  /** The launcher's default JVM options (bin/seat-manager's DEFAULT_JAVA_OPTS): a 256 MiB heap. */
  public static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m",
      "-XX:MaxMetaspaceSize=192m", "-XX:ReservedCodeCacheSize=64m");

  /** Like {@link #start}, with the launcher's default JVM options, as an operator's process runs. */
  public static ChildProcess startLikeTheLauncher(Map<String, String> env, Path workDir, String... args)
      throws IOException {
    return startClass("org.centurion.seatmanager.cli.Main", LAUNCHER_JVM_OPTIONS, env, workDir, args);
  }

  private static ChildProcess startClass(String mainClass, List<String> jvmOptions, Map<String, String> env,
      Path workDir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", System.getProperty("user.home"));
    pb.environment().putAll(env);
    return new ChildProcess(pb.start());
  }

  /** Writes {@code text} to the process's standard input and closes it (a password read from stdin). */
  public ChildProcess input(String text) throws IOException {
    try (java.io.OutputStream in = process.getOutputStream()) {
      in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return this;
  }

  /** Runs to completion (at most {@code seconds}) and returns the exit code. */
  public int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child did not finish in " + seconds + " s; stdout:\n" + stdout()
          + "\nstderr:\n" + stderr());
    }
    outPump.join(2000);
    errPump.join(2000);
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGTERM, as systemd or fuser -k would send. Sent with kill(1) rather than Process.destroy(),
   * which also closes our end of the pipes and so would lose what the process logs while stopping.
   */
  public void terminate() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  /** SIGKILL: the crash a test of durability needs. */
  public void kill() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  public String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  public String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (sink) {
            sink.write(buf, 0, n);
          }
        }
      } catch (IOException ignored) {
        // process gone
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
