package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.Version;
import picocli.CommandLine;

/** Lets picocli's {@code --version} print the same string as the {@code version} command. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"seat-manager " + Version.current()};
  }
}
