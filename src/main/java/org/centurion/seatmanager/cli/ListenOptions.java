package org.centurion.seatmanager.cli;

import picocli.CommandLine.Option;

/** {@code --host} and {@code --port}: where a command that serves the HTTP API binds. */
public final class ListenOptions {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port to bind (default ${DEFAULT-VALUE}).")
  int port;

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }
}
