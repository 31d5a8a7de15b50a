package org.centurion.seatmanager.cli;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import org.centurion.seatmanager.operator.EnrollmentClaims;
import org.centurion.seatmanager.operator.EnrollmentTokenVerifier;

/**
 * How the operator CLI checks an enrollment token offline: with the public key given as a file (a JWK
 * or JWK set the foundation handed over out of band), or else the one the API serves; either way the
 * server's own {@link EnrollmentTokenVerifier} runs here, before anything is sent.
 */
final class OperatorTokens {
  private OperatorTokens() {}

  static String token(String token, Path tokenFile) throws IOException {
    if ((token == null) == (tokenFile == null)) {
      throw new IllegalArgumentException("give the enrollment token with exactly one of --token or --token-file");
    }
    return token != null ? token.strip() : Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
  }

  static OctetKeyPair publicKey(Path file, OperatorApiClient api) throws IOException, InterruptedException {
    String text;
    if (file != null) {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } else if (api != null) {
      HttpResponse<String> r = api.get("/v1/operator/enrollment-key", null);
      if (r.statusCode() != 200) {
        throw new IOException("the API did not serve its enrollment key (HTTP " + r.statusCode() + ")");
      }
      text = r.body();
    } else {
      throw new IllegalArgumentException("give the enrollment public key with --public-key FILE or --api URL");
    }
    try {
      JWK jwk = text.contains("\"keys\"") ? JWKSet.parse(text).getKeys().get(0) : JWK.parse(text);
      if (!(jwk instanceof OctetKeyPair okp)) {
        throw new IllegalArgumentException("the enrollment public key must be an Ed25519 (OKP) JWK");
      }
      return okp.toPublicJWK();
    } catch (ParseException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("the enrollment public key is not a JWK or JWK set");
    }
  }

  static EnrollmentClaims verify(String token, OctetKeyPair publicKey) {
    return new EnrollmentTokenVerifier(publicKey, Clock.systemUTC()).verify(token);
  }
}
