package org.centurion.seatmanager.web;

import io.javalin.http.HandlerType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.auth.IdentityKind;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.auth.Role;

/**
 * What a route is and who may call it. Registration, the authorization check, the authorization
 * matrix test and {@code /openapi.json} all read this one record, so none of them can drift.
 *
 * @param identities the identity kinds admitted ({@link IdentityKind#ANONYMOUS} means public)
 * @param minRole the least role a user or the static token needs; staker keys have no role
 * @param stepUp the route is irreversible: sessions need a fresh step-up token, the static token is refused
 * @param requestType the JSON body's type for the OpenAPI document, or {@code Void.class}
 * @param responseType the success body's type for the OpenAPI document
 * @param errorCodes every error code the route may answer, besides the common ones
 * @param html a console page: answers HTML under the console's CSP, and its refusals are rendered by
 *     {@link PageErrors} (a redirect to the login page, or an HTML error) instead of the JSON error shape
 * @param operatorScope the scope an operator API key needs here (present exactly when operator keys are
 *     admitted; such a route names its seat as {@code {id}}, and the key must be bound to that seat)
 */
public record EndpointSpec(
    HandlerType method,
    String path,
    String summary,
    Set<IdentityKind> identities,
    Role minRole,
    boolean stepUp,
    Class<?> requestType,
    Class<?> responseType,
    List<String> errorCodes,
    boolean html,
    Optional<OperatorScope> operatorScope) {

  public EndpointSpec {
    identities = identities.isEmpty() ? EnumSet.noneOf(IdentityKind.class) : EnumSet.copyOf(identities);
    if (isWrite(method)) {
      // The static admin token reads only (issue 13): a leaked CI variable must not be able to make the
      // treasury sign, resolve alerts or change staker keys. Every write needs a user session.
      identities.remove(IdentityKind.STATIC_TOKEN);
    }
    identities = identities.isEmpty() ? Set.of() : Set.copyOf(identities);
    errorCodes = List.copyOf(errorCodes);
    if (identities.contains(IdentityKind.OPERATOR_KEY) != operatorScope.isPresent()
        || (operatorScope.isPresent() && !path.contains("{id}"))) {
      // an operator key is bound to one seat: a route without the seat in its path could not check it
      throw new IllegalArgumentException(path + ": operator-key routes need a scope and the seat as {id}");
    }
  }

  public boolean isPublic() {
    return identities.contains(IdentityKind.ANONYMOUS);
  }

  /** POST, PUT, PATCH and DELETE change state: they are CSRF-checked and audited. */
  public boolean isWrite() {
    return isWrite(method);
  }

  private static boolean isWrite(HandlerType method) {
    return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
        || method == HandlerType.DELETE;
  }

  public static Builder get(String path) {
    return new Builder(HandlerType.GET, path);
  }

  public static Builder post(String path) {
    return new Builder(HandlerType.POST, path);
  }

  public static Builder patch(String path) {
    return new Builder(HandlerType.PATCH, path);
  }

  public static Builder delete(String path) {
    return new Builder(HandlerType.DELETE, path);
  }

  /** Reads like the route table in docs/api.md. */
  public static final class Builder {
    private final HandlerType method;
    private final String path;
    private String summary = "";
    private Set<IdentityKind> identities = EnumSet.noneOf(IdentityKind.class);
    private Role minRole = Role.ADMIN;
    private boolean stepUp;
    private Class<?> requestType = Void.class;
    private Class<?> responseType = Void.class;
    private List<String> errorCodes = List.of();
    private boolean html;
    private Optional<OperatorScope> operatorScope = Optional.empty();

    private Builder(HandlerType method, String path) {
      this.method = method;
      this.path = path;
    }

    public Builder summary(String s) {
      summary = s;
      return this;
    }

    public Builder anyone() {
      identities = EnumSet.of(IdentityKind.ANONYMOUS);
      return this;
    }

    /** Users with at least {@code role}, by session or (ADMIN reads only) the static token. */
    public Builder users(Role role) {
      identities = EnumSet.of(IdentityKind.SESSION, IdentityKind.STATIC_TOKEN);
      minRole = role;
      return this;
    }

    /** Session users only: the static admin token is not a user. */
    public Builder sessions(Role role) {
      identities = EnumSet.of(IdentityKind.SESSION);
      minRole = role;
      return this;
    }

    public Builder alsoStakerKeys() {
      identities = EnumSet.copyOf(identities);
      identities.add(IdentityKind.STAKER_KEY);
      return this;
    }

    /** Operator API keys bound to the path's seat {@code {id}}, with {@code scope} (issue 16). */
    public Builder operatorKeys(OperatorScope scope) {
      identities = EnumSet.copyOf(identities.isEmpty() ? EnumSet.noneOf(IdentityKind.class) : identities);
      identities.add(IdentityKind.OPERATOR_KEY);
      operatorScope = Optional.of(scope);
      return this;
    }

    public Builder stepUp() {
      stepUp = true;
      return this;
    }

    public Builder request(Class<?> t) {
      requestType = t;
      return this;
    }

    public Builder response(Class<?> t) {
      responseType = t;
      return this;
    }

    public Builder errors(String... codes) {
      errorCodes = List.of(codes);
      return this;
    }

    /** A console page (HTML, console CSP, refusals as redirects or HTML error pages). */
    public Builder html() {
      html = true;
      return this;
    }

    public EndpointSpec build() {
      return new EndpointSpec(method, path, summary, identities, minRole, stepUp, requestType,
          responseType, errorCodes, html, operatorScope);
    }
  }
}
