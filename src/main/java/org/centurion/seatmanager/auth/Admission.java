package org.centurion.seatmanager.auth;

import java.util.Optional;

/**
 * A request the access policy let through.
 *
 * @param caller who is calling
 * @param sessionToken the session's raw token (logout and CSRF need it), for a session caller
 * @param operatorKey the operator key, already bound to the path's seat and scope checked
 * @param recordUse the use itself must be on record (every read with the shared static token)
 */
public record Admission(Caller caller, Optional<String> sessionToken, Optional<OperatorKey> operatorKey,
    boolean recordUse) {

  static Admission of(Caller caller) {
    return new Admission(caller, Optional.empty(), Optional.empty(), false);
  }
}
