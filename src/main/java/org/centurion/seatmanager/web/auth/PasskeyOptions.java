package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.PasskeyService;
import org.centurion.seatmanager.web.Json;
import tools.jackson.databind.JsonNode;

/**
 * The answer of the passkey options routes: {@code publicKey} goes to {@code navigator.credentials.create}
 * or {@code .get} (after base64url decoding of its binary fields), {@code challengeId} comes back with the
 * browser's answer.
 */
public record PasskeyOptions(String challengeId, JsonNode publicKey) {
  static PasskeyOptions of(PasskeyService.Options o) {
    return new PasskeyOptions(o.challengeId(), Json.mapper().readTree(o.publicKeyJson()).path("publicKey"));
  }
}
