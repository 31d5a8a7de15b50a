package org.centurion.seatmanager.config;

/** A malformed endpoint list ({@link NamedEndpoints#parse}); the message never holds a URL's path or query. */
public final class InvalidEndpointsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The stable code, also the message's prefix (as the chain's INVALID_ENDPOINTS). */
  public static final String CODE = "INVALID_ENDPOINTS";

  public InvalidEndpointsException(String message) {
    super(CODE + ": " + message);
  }

  public String code() {
    return CODE;
  }
}
