package org.centurion.seatmanager.evidence;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an evidence bundle offline (issue 15): a compact JWS of our type, EdDSA over Ed25519 only,
 * whose embedded key is the one its kid names (its RFC 7638 thumbprint) and, when the caller pins a
 * key, that key; a valid signature; and a payload that holds together (one seat throughout, every
 * section present). Any changed byte of the payload or the header fails the signature.
 */
public final class EvidenceVerifier {
  /** The outcome: the signer's key id, the seat, what the bundle holds, and every problem found. */
  public record Verdict(Optional<String> keyId, Optional<Long> seatId, boolean keyPinned, List<String> problems,
      Optional<JsonNode> payload) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private EvidenceVerifier() {}

  /** @param pinned the deployment's public key (a JWK), when the verifier has it */
  public static Verdict verify(String bundle, Optional<OctetKeyPair> pinned) {
    List<String> problems = new ArrayList<>();
    JWSObject jws;
    try {
      jws = JWSObject.parse(bundle.strip());
    } catch (ParseException e) {
      return new Verdict(Optional.empty(), Optional.empty(), false, List.of("not a compact JWS: " + e.getMessage()),
          Optional.empty());
    }
    var h = jws.getHeader();
    Optional<String> kid = Optional.ofNullable(h.getKeyID());
    if (!JWSAlgorithm.EdDSA.equals(h.getAlgorithm())) {
      problems.add("alg must be EdDSA, not " + h.getAlgorithm());
    }
    if (h.getType() == null || !EvidenceBundle.TYPE.equals(h.getType().getType())) {
      problems.add("typ must be " + EvidenceBundle.TYPE);
    }
    Optional<OctetKeyPair> key = key(h.getJWK(), kid, problems);
    if (pinned.isPresent()) {
      if (key.isPresent() && !pinned.get().toPublicJWK().equals(key.get().toPublicJWK())) {
        problems.add("signed by key " + kid.orElse("?") + ", not the pinned key " + pinned.get().getKeyID());
      }
      key = Optional.of(pinned.get().toPublicJWK());
    }
    if (key.isPresent() && problems.isEmpty()) {
      try {
        if (!jws.verify(new Ed25519Verifier(key.get()))) {
          problems.add("the signature does not match: the bundle was changed after it was signed, or signed by another key");
        }
      } catch (JOSEException e) {
        problems.add("the signature could not be checked: " + e.getMessage());
      }
    }
    Optional<JsonNode> payload = Optional.empty();
    Optional<Long> seatId = Optional.empty();
    try {
      JsonNode p = JsonMapper.builder().build().readTree(jws.getPayload().toBytes());
      payload = Optional.of(p);
      seatId = p.path("seatId").isIntegralNumber() ? Optional.of(p.path("seatId").asLong()) : Optional.empty();
      consistency(p, problems);
    } catch (JacksonException e) {
      problems.add("the payload is not JSON");
    }
    return new Verdict(kid, seatId, pinned.isPresent(), List.copyOf(problems), payload);
  }

  private static Optional<OctetKeyPair> key(JWK jwk, Optional<String> kid, List<String> problems) {
    if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve()) || okp.isPrivate()) {
      problems.add("the header must carry the signer's public Ed25519 key (jwk)");
      return Optional.empty();
    }
    try {
      String thumbprint = okp.computeThumbprint().toString();
      if (kid.isEmpty() || !kid.get().equals(thumbprint)) {
        problems.add("kid must be the embedded key's thumbprint " + thumbprint);
      }
    } catch (JOSEException e) {
      problems.add("the embedded key's thumbprint could not be computed");
    }
    return Optional.of(okp);
  }

  /** The payload holds one seat throughout and every section the export writes. */
  private static void consistency(JsonNode p, List<String> problems) {
    if (!EvidenceBundle.FORMAT.equals(p.path("format").asString(""))) {
      problems.add("format must be " + EvidenceBundle.FORMAT);
    }
    long seat = p.path("seatId").asLong(-1);
    if (p.path("seat").path("id").asLong(-2) != seat) {
      problems.add("the seat section is not seat " + seat);
    }
    for (String section : List.of("evidence", "operations", "receipts", "approvals", "audit")) {
      if (!p.path(section).isArray()) {
        problems.add("the " + section + " section is missing");
      }
    }
    for (JsonNode op : p.path("operations")) {
      if (op.path("seatId").asLong(-2) != seat) {
        problems.add("operation " + op.path("id").asString("?") + " is not seat " + seat + "'s");
      }
    }
    if (!p.path("chainHeads").isObject()) {
      problems.add("the chainHeads section is missing");
    }
  }
}
