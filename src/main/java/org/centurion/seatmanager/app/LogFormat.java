package org.centurion.seatmanager.app;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The encoder {@code logback.xml} uses: JSON lines for services (what journald and log shippers read),
 * one readable line per event when a person watches a terminal (the demo, the CLI), so that a banner
 * is not buried in JSON. {@code SEAT_MANAGER_LOG_FORMAT=json|text} decides when set.
 */
public final class LogFormat extends EncoderBase<ILoggingEvent> {
  static final String VARIABLE = "SEAT_MANAGER_LOG_FORMAT";
  static final String JSON = "json";
  static final String TEXT = "text";
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n%ex{short}";

  private Encoder<ILoggingEvent> chosen;

  @Override
  public void start() {
    chosen = TEXT.equals(choose(System.getenv(VARIABLE), interactive())) ? text() : json();
    chosen.setContext(getContext());
    chosen.start();
    super.start();
  }

  @Override
  public void stop() {
    if (chosen != null) {
      chosen.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return chosen.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return chosen.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return chosen.footerBytes();
  }

  private static Encoder<ILoggingEvent> json() {
    LogstashEncoder json = new LogstashEncoder();
    json.getFieldNames().setLevelValue("[ignore]");
    json.getFieldNames().setVersion("[ignore]");
    return json;
  }

  private static Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setPattern(TEXT_PATTERN);
    return text;
  }

  /** The variable's value when valid, else text for a terminal and JSON otherwise. */
  static String choose(String configured, boolean interactive) {
    if (configured != null) {
      String v = configured.strip().toLowerCase(Locale.ROOT);
      if (v.equals(JSON) || v.equals(TEXT)) {
        return v;
      }
    }
    return interactive ? TEXT : JSON;
  }

  /**
   * A terminal on both standard input and output. Up to JDK 21 {@code System.console()} is null
   * otherwise; from JDK 22 it is always there and {@code isTerminal()} says.
   */
  private static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
