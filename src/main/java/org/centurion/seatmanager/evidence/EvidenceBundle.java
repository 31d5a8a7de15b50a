package org.centurion.seatmanager.evidence;

/** What an evidence bundle is on the wire (issue 15): a compact JWS, EdDSA, of this type, over JSON. */
public final class EvidenceBundle {
  /** The JWS {@code typ}: never an enrollment token's, so neither passes for the other. */
  public static final String TYPE = "seat-evidence+json";
  /** The payload's {@code format}, for readers of later versions. */
  public static final String FORMAT = "seat-manager-evidence/1";

  private EvidenceBundle() {}
}
