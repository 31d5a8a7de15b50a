package org.centurion.seatmanager.auth;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for registered passkeys, in the shape the WebAuthn library asks for (its credential repository). */
final class PasskeyCredentials implements CredentialRepository {
  private final Jdbi jdbi;

  PasskeyCredentials(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A passkey as the API shows it: no key material. */
  record Listed(long id, String label, Instant createdAt, Instant lastUsedAt) {}

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT c.credential_id FROM webauthn_credentials c"
            + " JOIN users u ON u.id = c.user_id WHERE u.username = :n").bind("n", username)
        .map((rs, ctx) -> rs.getBytes(1)).list()).stream()
        .map(b -> PublicKeyCredentialDescriptor.builder().id(new ByteArray(b)).build()).collect(Collectors.toSet());
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT webauthn_user_handle FROM users WHERE username = :n"
            + " AND webauthn_user_handle IS NOT NULL").bind("n", username).map((rs, ctx) -> rs.getBytes(1)).findOne())
        .map(ByteArray::new);
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    return jdbi.withHandle(h -> h.createQuery("SELECT username FROM users WHERE webauthn_user_handle = :h")
        .bind("h", userHandle.getBytes()).mapTo(String.class).findOne());
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    return jdbi.withHandle(h -> h.createQuery("SELECT c.credential_id, c.public_key_cose, c.signature_count,"
            + " u.webauthn_user_handle FROM webauthn_credentials c JOIN users u ON u.id = c.user_id"
            + " WHERE c.credential_id = :c AND u.webauthn_user_handle = :h")
        .bind("c", credentialId.getBytes()).bind("h", userHandle.getBytes()).map((rs, ctx) -> registered(rs)).findOne());
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    return Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT c.credential_id, c.public_key_cose,"
            + " c.signature_count, u.webauthn_user_handle FROM webauthn_credentials c JOIN users u ON u.id = c.user_id"
            + " WHERE c.credential_id = :c").bind("c", credentialId.getBytes()).map((rs, ctx) -> registered(rs)).list()));
  }

  private static RegisteredCredential registered(ResultSet rs) throws SQLException {
    return RegisteredCredential.builder().credentialId(new ByteArray(rs.getBytes(1)))
        .userHandle(new ByteArray(rs.getBytes(4))).publicKeyCose(new ByteArray(rs.getBytes(2)))
        .signatureCount(rs.getLong(3)).build();
  }

  /** The user's WebAuthn user handle, created (32 random bytes) on first use. */
  ByteArray userHandle(long userId) {
    return jdbi.inTransaction(h -> {
      byte[] existing = h.createQuery("SELECT webauthn_user_handle FROM users WHERE id = :u FOR UPDATE")
          .bind("u", userId).map((rs, ctx) -> rs.getBytes(1)).one();
      if (existing != null) {
        return new ByteArray(existing);
      }
      byte[] fresh = Tokens.randomBytes(32);
      h.createUpdate("UPDATE users SET webauthn_user_handle = :h WHERE id = :u").bind("h", fresh).bind("u", userId)
          .execute();
      return new ByteArray(fresh);
    });
  }

  long insert(long userId, ByteArray credentialId, ByteArray publicKeyCose, long signatureCount, String label,
      Instant now) {
    return jdbi.withHandle(h -> h.createQuery("INSERT INTO webauthn_credentials (user_id, credential_id,"
            + " public_key_cose, signature_count, label, created_at) VALUES (:u, :c, :k, :n, :l, :now) RETURNING id")
        .bind("u", userId).bind("c", credentialId.getBytes()).bind("k", publicKeyCose.getBytes())
        .bind("n", signatureCount).bind("l", label).bind("now", UserStore.ts(now)).mapTo(Long.class).one());
  }

  /**
   * Records an assertion's signature counter, only moving forward (0 stays 0 for authenticators without a
   * counter): a cloned authenticator, or two requests racing with one assertion, lose here.
   */
  boolean advanceCounter(long userId, ByteArray credentialId, long counter, Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE webauthn_credentials SET signature_count = :n,"
            + " last_used_at = :now WHERE user_id = :u AND credential_id = :c"
            + " AND (signature_count < :n OR (signature_count = 0 AND :n = 0))")
        .bind("n", counter).bind("now", UserStore.ts(now)).bind("u", userId).bind("c", credentialId.getBytes())
        .execute()) == 1;
  }

  int count(long userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webauthn_credentials WHERE user_id = :u")
        .bind("u", userId).mapTo(Integer.class).one());
  }

  List<Listed> list(long userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, label, created_at, last_used_at FROM webauthn_credentials"
            + " WHERE user_id = :u ORDER BY id").bind("u", userId)
        .map((rs, ctx) -> new Listed(rs.getLong("id"), rs.getString("label"), UserStore.instant(rs, "created_at"),
            UserStore.instant(rs, "last_used_at"))).list());
  }

  static void deleteAll(Handle h, long userId) {
    h.createUpdate("DELETE FROM webauthn_credentials WHERE user_id = :u").bind("u", userId).execute();
    h.createUpdate("DELETE FROM webauthn_challenges WHERE user_id = :u").bind("u", userId).execute();
  }
}
