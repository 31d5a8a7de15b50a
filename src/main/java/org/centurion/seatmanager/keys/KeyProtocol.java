package org.centurion.seatmanager.keys;

import org.centurion.seatmanager.signing.HmacChannel;

/**
 * The key process's wire format: the isolated signer's framed HMAC channel
 * ({@link HmacChannel}: one length-prefixed JSON frame each way, {@code {timestamp, nonce, body, mac}}),
 * under its own MAC domain ({@link HmacChannel.Domain#KEYS}), so that a request MAC'd for the
 * signer never verifies here, nor the other way round, even if an operator reused a secret.
 *
 * <pre>
 * reserve  {"op":"reserve"}                      → {"ok":true,"index":n,"pubkey":"0x…"}
 * issue    {"op":"issue","index":n,"vault":"0x…"} → {"ok":true,"index","path","pubkey","depositData","keystore","sealedPassword"}
 * refusal                                        → {"ok":false,"code":"KEY_ALREADY_ISSUED","message":"…"}
 * </pre>
 */
final class KeyProtocol {
  static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private KeyProtocol() {}

  static String requestMacInput(long timestamp, String nonce, String body) {
    return HmacChannel.Domain.KEYS.requestMacInput(timestamp, nonce, body);
  }

  static String responseMacInput(String nonce, String body) {
    return HmacChannel.Domain.KEYS.responseMacInput(nonce, body);
  }
}
