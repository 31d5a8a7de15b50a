package org.centurion.seatmanager.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.testing.DepositCliFiles;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.web3j.utils.Numeric;

/**
 * The API with enrollment configured (an Ed25519 key file of mode 600, its own operator-key hash
 * secret, the genesis fork version so deposit data is verified for real) and no chain: seats are
 * inserted as the lifecycle leaves them in CREATED, and the operator's deposit-cli file is a real,
 * BLS-signed one for the seat's key and vault.
 */
public final class OperatorTestbed implements AutoCloseable {
  public static final String STATIC_TOKEN = TestSecrets.hex32();
  public static final byte[] FORK = DevnetConfig.DEVNET_GENESIS_FORK_VERSION;

  public final Path dir;
  public final EnrollmentKey key = EnrollmentKey.generate();
  public final TestApi api;
  public final SecurityFixture fx;
  public final SecurityFixture.TestUser admin;
  public final NewSession adminSession;

  /** A seat in CREATED with the validator key its operator holds. */
  public record TestSeat(long id, DevnetValidatorKey key, String vault, String beneficiary, String operatorId) {}

  public OperatorTestbed(Map<String, String> more) throws IOException {
    dir = org.centurion.seatmanager.testing.TestDirectories.create("operator-testbed");
    Path keyFile = dir.resolve("enrollment.jwk");
    writeSecret(keyFile, key.privateJwkJson());
    Map<String, String> env = new HashMap<>();
    env.put("SEAT_MANAGER_ENROLLMENT_KEY_FILE", keyFile.toString());
    env.put("SEAT_MANAGER_OPERATOR_KEY_HASH_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_GENESIS_FORK_VERSION", Numeric.toHexString(FORK));
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN", STATIC_TOKEN);
    env.putAll(more);
    api = TestApi.start(env);
    fx = new SecurityFixture(api, Clock.systemUTC());
    admin = fx.user(Role.ADMIN);
    adminSession = fx.session(admin);
  }

  public static void writeSecret(Path file, String text) {
    try {
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TestSeat createdSeat() {
    DevnetValidatorKey k = DevnetValidatorKey.random();
    String vault = "0x" + TestSecrets.hex32().substring(0, 40);
    String beneficiary = "0x" + TestSecrets.hex32().substring(0, 40);
    String operatorId = SecurityFixture.uniqueName("op");
    long id = fx.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address,"
            + " withdrawal_credentials, state) VALUES (:o, :b, :p, :v, :wc, 'CREATED') RETURNING id")
        .bind("o", operatorId).bind("b", beneficiary).bind("p", Numeric.toHexString(k.pubkey())).bind("v", vault)
        .bind("wc", "0x01" + "00".repeat(11) + vault.substring(2)).mapTo(Long.class).one());
    return new TestSeat(id, k, vault, beneficiary, operatorId);
  }

  public String depositFile(TestSeat s) {
    return DepositCliFiles.forSeat(s.key(), s.vault(), FORK);
  }

  /** An ADMIN with a fresh step-up token issues a token for the seat; the answer's JSON. */
  public HttpResponse<String> issue(long seatId, String body) {
    String path = "/v1/seats/" + seatId + "/enrollment-tokens";
    return api.send(fx.bearer(path, adminSession.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, fx.stepUpToken(adminSession, admin, "POST " + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public String token(long seatId) {
    HttpResponse<String> r = issue(seatId, "{}");
    if (r.statusCode() != 201) {
      throw new AssertionError(r.body());
    }
    return SecurityFixture.json(r).path("token").asString();
  }

  public HttpResponse<String> enroll(String token, String depositData) {
    return api.postJson("/v1/operator/enroll", "{\"token\":" + SecurityFixture.quote(token) + ",\"depositData\":"
        + SecurityFixture.quote(depositData) + "}");
  }

  /** Enrolls the seat and answers the operator key it got. */
  public String enrolledKey(TestSeat s) {
    HttpResponse<String> r = enroll(token(s.id()), depositFile(s));
    if (r.statusCode() != 200) {
      throw new AssertionError(r.body());
    }
    return SecurityFixture.json(r).path("operatorKey").path("key").asString();
  }

  public HttpResponse<String> getAs(String bearer, String path) {
    return fx.getBearer(path, bearer);
  }

  public HttpResponse<String> postAs(String bearer, String path, String json) {
    return fx.postBearer(path, bearer, json);
  }

  /** An ADMIN's JSON POST with a fresh step-up token bound to this route. */
  public HttpResponse<String> postSteppedUp(String path, String json) {
    return api.send(fx.bearer(path, adminSession.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, fx.stepUpToken(adminSession, admin, "POST " + path))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public long count(String table) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  @Override
  public void close() {
    fx.close();
    api.close();
  }
}
