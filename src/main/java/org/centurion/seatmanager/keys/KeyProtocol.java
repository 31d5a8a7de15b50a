package org.centurion.seatmanager.keys;

/**
 * The key process's wire format: the isolated signer's framing and envelope
 * ({@link org.centurion.seatmanager.signing.SignerProtocol}: one length-prefixed JSON frame each way,
 * {@code {timestamp, nonce, body, mac}}), under its own MAC domain, so that a request MAC'd for the
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
    return "seat-manager-keys/v1 request\n" + timestamp + "\n" + nonce + "\n" + body;
  }

  static String responseMacInput(String nonce, String body) {
    return "seat-manager-keys/v1 response\n" + nonce + "\n" + body;
  }
}
