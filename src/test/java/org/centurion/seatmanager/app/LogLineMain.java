package org.centurion.seatmanager.app;

import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.LoggerFactory;

/** Logs one line through the shipped logback.xml, for {@link LogFormatTest}'s child JVMs. */
public final class LogLineMain {
  private LogLineMain() {}

  public static void main(String[] args) {
    LoggerFactory.getLogger(LogLineMain.class).info("seat moved {}", StructuredArguments.kv("seat", 7));
  }
}
