package org.centurion.seatmanager.deposit;

/**
 * How much a deposit-data file may hold. A real deposit-cli entry is about 700 bytes, so the defaults
 * admit a few thousand validators and nothing that could exhaust memory.
 */
public record ParserLimits(int maxBytes, int maxEntries) {
  public static final ParserLimits DEFAULT = new ParserLimits(4 * 1024 * 1024, 4096);

  public ParserLimits {
    if (maxBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
