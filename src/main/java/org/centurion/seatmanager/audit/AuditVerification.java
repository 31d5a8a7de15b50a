package org.centurion.seatmanager.audit;

/**
 * The outcome of walking the chain.
 *
 * @param firstBrokenId the first row whose link or content does not check, or null when intact
 * @param problem what is wrong with that row, or null
 */
public record AuditVerification(boolean intact, long rowsChecked, Long firstBrokenId, String problem) {}
