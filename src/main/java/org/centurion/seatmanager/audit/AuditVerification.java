package org.centurion.seatmanager.audit;

/**
 * The outcome of walking the chain (and comparing it with the anchors written outside the database).
 *
 * @param firstBrokenId the first row whose link, content or anchor does not check, or null when intact
 * @param problem what is wrong with that row, or null
 * @param code the stable code of the problem ({@link #CHAIN_BROKEN} …), or null when intact
 * @param anchorsChecked how many anchors the chain was compared with (0: none configured or written yet)
 */
public record AuditVerification(boolean intact, long rowsChecked, Long firstBrokenId, String problem, String code,
    int anchorsChecked) {
  /** A row's prev_hash is not the previous row's hash: a row was removed or reordered. */
  public static final String CHAIN_BROKEN = "AUDIT_CHAIN_BROKEN";
  /** An unkeyed row's content does not match its hash: altered in place. */
  public static final String ROW_ALTERED = "AUDIT_ROW_ALTERED";
  /** A row does not carry a valid keyed hash, or is unkeyed where every row must be keyed: forged. */
  public static final String ROW_FORGED = "AUDIT_ROW_FORGED";
  /** The chain checks by itself but differs from an anchor: it was rewritten consistently. */
  public static final String CHAIN_REWRITTEN = "AUDIT_CHAIN_REWRITTEN";
  /** The chain ends before the last anchored row: its tail was removed. */
  public static final String CHAIN_TRUNCATED = "AUDIT_CHAIN_TRUNCATED";
  /** Keyed rows cannot be checked without SEAT_MANAGER_AUDIT_CHAIN_KEY. */
  public static final String KEY_REQUIRED = "AUDIT_CHAIN_KEY_REQUIRED";
  /** The anchor file exists but cannot be read or parsed. */
  public static final String ANCHORS_UNREADABLE = "AUDIT_ANCHORS_UNREADABLE";

  static AuditVerification intact(long rowsChecked, int anchorsChecked) {
    return new AuditVerification(true, rowsChecked, null, null, null, anchorsChecked);
  }

  static AuditVerification broken(long rowsChecked, Long id, String code, String problem, int anchorsChecked) {
    return new AuditVerification(false, rowsChecked, id, problem, code, anchorsChecked);
  }
}
