package org.centurion.seatmanager.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, read from a resource Maven filters at build time. */
public final class Version {
  private Version() {}

  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/seat-manager-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
