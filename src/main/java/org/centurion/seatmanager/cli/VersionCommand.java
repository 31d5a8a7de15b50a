package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.Version;

import picocli.CommandLine.Command;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of this build.")
final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("seat-manager " + Version.current());
  }
}
