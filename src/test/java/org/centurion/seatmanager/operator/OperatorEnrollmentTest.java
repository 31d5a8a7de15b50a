package org.centurion.seatmanager.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, enrollment: an ADMIN with step-up issues a one-time EdDSA token for a seat in CREATED; the
 * operator redeems it with their deposit-cli file through the admin upload's own checks; a replayed,
 * expired, unissued or re-signed token (another key, alg none, HS256 keyed with the public key) is
 * refused with a stable code and changes nothing.
 */
class OperatorEnrollmentTest {
  static OperatorTestbed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = new OperatorTestbed(Map.of());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void anAdminIssuesATokenAndTheOperatorEnrollsOnceWithTheirOwnFile() throws Exception {
    OperatorTestbed.TestSeat seat = bed.createdSeat();
    HttpResponse<String> issued = bed.issue(seat.id(), "{}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonNode t = SecurityFixture.json(issued);
    assertThat(t.path("operatorId").asString()).isEqualTo(seat.operatorId());
    assertThat(t.path("beneficiary").asString()).isEqualTo(seat.beneficiary());
    assertThat(Duration.between(Instant.now(), Instant.parse(t.path("expiresAt").asString())))
        .isBetween(Duration.ofHours(71), Duration.ofHours(72));
    String token = t.path("token").asString();
    // the token verifies offline against the served public key alone
    HttpResponse<String> jwks = bed.api.get("/v1/operator/enrollment-key");
    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(jwks.body()).doesNotContain("\"d\"");
    OctetKeyPair served = publicKeyOf(jwks.body());
    EnrollmentClaims claims = new EnrollmentTokenVerifier(served, Clock.systemUTC()).verify(token);
    assertThat(claims.seatId()).isEqualTo(seat.id());
    assertThat(claims.scopes()).containsExactlyInAnyOrder(OperatorScope.values());
    // the header is exactly ours: EdDSA, our type, our kid
    String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"EdDSA\"", "\"typ\":\"enrollment+jwt\"", bed.key.keyId());

    // a file for another key fails every check the admin upload runs; the token stays usable
    OperatorTestbed.TestSeat other = bed.createdSeat();
    HttpResponse<String> wrong = bed.enroll(token, bed.depositFile(other));
    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
    assertThat(SecurityFixture.code(wrong)).isEqualTo("DEPOSIT_DATA_INVALID");
    assertThat(state(seat.id())).isEqualTo("CREATED");

    long operations = bed.count("operations");
    HttpResponse<String> ok = bed.enroll(token, bed.depositFile(seat));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode answer = SecurityFixture.json(ok);
    assertThat(answer.path("seat").path("state").asString()).isEqualTo("DATA_VERIFIED");
    String key = answer.path("operatorKey").path("key").asString();
    assertThat(key).startsWith("smo_");
    assertThat(state(seat.id())).isEqualTo("DATA_VERIFIED");
    // the same evidence row as an admin upload, and nothing queued for the treasury
    assertThat(bed.getAs(bed.adminSession.token(), "/v1/seats/" + seat.id()).body()).contains("deposit data verified");
    assertThat(bed.count("operations")).isEqualTo(operations);
    // the key is stored only as a keyed hash
    long clear = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM operator_api_keys"
        + " WHERE position(convert_to(:k, 'UTF8') in key_hmac) > 0 OR encode(key_hmac, 'escape') LIKE '%smo_%'")
        .bind("k", key).mapTo(Long.class).one());
    assertThat(clear).isZero();
    assertThat(bed.getAs(key, "/v1/operator/seats/" + seat.id() + "/status").statusCode()).isEqualTo(200);

    // replay: refused with a stable code, no second key
    long keys = bed.count("operator_api_keys");
    HttpResponse<String> replay = bed.enroll(token, bed.depositFile(seat));
    assertThat(replay.statusCode()).isIn(409);
    assertThat(SecurityFixture.code(replay)).isEqualTo(OperatorErrors.TOKEN_USED);
    assertThat(bed.count("operator_api_keys")).isEqualTo(keys);
    // every attempt is on record under the token's operator
    long audited = bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'operator.enroll'"
        + " AND actor = :a").bind("a", "operator:" + seat.operatorId()).mapTo(Long.class).one());
    assertThat(audited).isEqualTo(3);
  }

  @Test
  void issuingNeedsAnAdminSessionWithStepUpAndASeatInCreated() {
    OperatorTestbed.TestSeat seat = bed.createdSeat();
    String path = "/v1/seats/" + seat.id() + "/enrollment-tokens";
    HttpResponse<String> noStepUp = bed.postAs(bed.adminSession.token(), path, "{}");
    assertThat(SecurityFixture.code(noStepUp)).isEqualTo("STEP_UP_REQUIRED");
    assertThat(SecurityFixture.code(bed.postAs(OperatorTestbed.STATIC_TOKEN, path, "{}"))).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
    assertThat(SecurityFixture.code(bed.issue(seat.id(), "{\"scopes\":[\"treasury\"]}"))).isEqualTo(OperatorErrors.INVALID_SCOPES);
    assertThat(SecurityFixture.code(bed.issue(seat.id(), "{\"ttlHours\":100000}"))).isEqualTo(OperatorErrors.INVALID_TTL);
    assertThat(SecurityFixture.code(bed.issue(seat.id(), "{\"treasury\":\"0x" + "11".repeat(20) + "\"}")))
        .isEqualTo("INVALID_JSON");
    assertThat(bed.issue(999_999, "{}").statusCode()).isEqualTo(404);
    bed.enrolledKey(seat);
    HttpResponse<String> again = bed.issue(seat.id(), "{}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(again)).isEqualTo("INVALID_STATE");
    assertThat(bed.count("enrollment_tokens")).isGreaterThan(0);
  }

  @Test
  void forgedReplayedAndExpiredTokensAreRefusedAndChangeNothing() throws Exception {
    OperatorTestbed.TestSeat seat = bed.createdSeat();
    String real = bed.token(seat.id());
    EnrollmentClaims claims = new EnrollmentTokenVerifier(bed.key.publicJwk(), Clock.systemUTC()).verify(real);
    String file = bed.depositFile(seat);

    // signed by our key but never issued (no row): someone holding a copy of the key cannot mint tokens unseen
    EnrollmentClaims unissued = withJti(claims, UUID.randomUUID());
    refused(bed.key.sign(unissued), file, OperatorErrors.TOKEN_INVALID);
    // signed by our key, issued, but past its expiry
    refused(bed.key.sign(withExpiry(claims, Instant.now().minusSeconds(5))), file, OperatorErrors.TOKEN_EXPIRED);
    // the same claims signed by another Ed25519 key (even one claiming our kid)
    EnrollmentKey attacker = EnrollmentKey.generate();
    refused(attacker.sign(claims), file, OperatorErrors.TOKEN_INVALID);
    // alg none
    JWTClaimsSet set = SignedJWT.parse(real).getJWTClaimsSet();
    refused(new PlainJWT(set).serialize(), file, OperatorErrors.TOKEN_INVALID);
    // HS256 keyed with the public key (the raw x, and the JWK text), the classic algorithm confusion
    refused(hs256(set, bed.key.publicJwk().getDecodedX()), file, OperatorErrors.TOKEN_INVALID);
    refused(hs256(set, bed.key.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8)), file, OperatorErrors.TOKEN_INVALID);
    // a changed claim under the original signature
    String[] parts = real.split("\\.");
    String otherSeat = Base64.getUrlEncoder().withoutPadding().encodeToString(
        set.toString().replace("\"seat_id\":" + seat.id(), "\"seat_id\":1").getBytes(StandardCharsets.UTF_8));
    refused(parts[0] + "." + otherSeat + "." + parts[2], file, OperatorErrors.TOKEN_INVALID);
    // garbage and oversize
    refused("not-a-jwt", file, OperatorErrors.TOKEN_INVALID);
    refused("a".repeat(5000), file, OperatorErrors.TOKEN_INVALID);
    assertThat(state(seat.id())).isEqualTo("CREATED");

    // the real one still works once, then is spent
    assertThat(bed.enroll(real, file).statusCode()).isEqualTo(200);
    refused(real, file, OperatorErrors.TOKEN_USED);
  }

  @Test
  void theKeyFileMustBeMode600AndAnEd25519PrivateJwk(@TempDir Path dir) throws Exception {
    Path open = dir.resolve("open.jwk");
    Files.writeString(open, EnrollmentKey.generate().privateJwkJson());
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> EnrollmentKey.load(open)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEAT_MANAGER_ENROLLMENT_KEY_FILE").hasMessageContaining("600");
    Path pub = dir.resolve("public.jwk");
    OperatorTestbed.writeSecret(pub, EnrollmentKey.generate().publicJwk().toJSONString());
    assertThatThrownBy(() -> EnrollmentKey.load(pub)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("Ed25519 private key");
    EnrollmentKey k = EnrollmentKey.generate();
    Path good = dir.resolve("good.jwk");
    OperatorTestbed.writeSecret(good, k.privateJwkJson());
    assertThat(EnrollmentKey.load(good).keyId()).isEqualTo(k.keyId());
    assertThat(k.toString()).doesNotContain(k.privateJwkJson());
  }

  private static void refused(String token, String file, String code) {
    long keys = bed.count("operator_api_keys");
    HttpResponse<String> r = bed.enroll(token, file);
    assertThat(r.statusCode()).as(r.body()).isIn(401, 409);
    assertThat(SecurityFixture.code(r)).as(r.body()).isEqualTo(code);
    assertThat(r.body()).doesNotContain(token.length() > 40 ? token.substring(token.length() - 40) : "\u0000");
    assertThat(bed.count("operator_api_keys")).isEqualTo(keys);
  }

  private static String hs256(JWTClaimsSet set, byte[] secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("enrollment+jwt"))
        .keyID(bed.key.keyId()).build(), set);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  private static EnrollmentClaims withJti(EnrollmentClaims c, UUID jti) {
    return new EnrollmentClaims(jti, c.seatId(), c.operatorId(), c.beneficiary(), c.pubkey(), c.vault(), c.scopes(), c.issuedAt(), c.expiresAt(),
        c.keyId());
  }

  private static EnrollmentClaims withExpiry(EnrollmentClaims c, Instant exp) {
    return new EnrollmentClaims(c.jti(), c.seatId(), c.operatorId(), c.beneficiary(), c.pubkey(), c.vault(), c.scopes(), exp.minusSeconds(60), exp,
        c.keyId());
  }

  static OctetKeyPair publicKeyOf(String jwks) throws Exception {
    return (OctetKeyPair) com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys().get(0);
  }

  private static String state(long seatId) {
    return bed.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM seats WHERE id = :id").bind("id", seatId)
        .mapTo(String.class).one());
  }
}
