package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import org.centurion.seatmanager.testing.TestApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runbook §8: run alone with {@code ./mvnw test -Dgroups=CSM-03}. */
class Csm03RegressionTest {
  @Test
  @Tag("CSM-03")
  @DisplayName("CSM-03 regression: GET /v1/audit-logs rejects VIEWER")
  void auditLogsRejectViewer() {
    try (TestApi api = TestApi.start(); SecurityFixture fx = new SecurityFixture(api, Clock.systemUTC())) {
      SecurityFixture.TestUser viewer = fx.user(Role.VIEWER);
      String token = fx.session(viewer).token();
      for (String path : new String[] {"/v1/audit-logs", "/v1/audit-logs/verify", "/v1/audit-logs/1"}) {
        HttpResponse<String> r = fx.getBearer(path, token);
        assertThat(r.statusCode()).as(path).isEqualTo(403);
        assertThat(SecurityFixture.code(r)).isEqualTo("FORBIDDEN");
        assertThat(r.body()).doesNotContain("\"items\"", "\"intact\"", "\"actor\"");
      }
      String operatorToken = fx.session(fx.user(Role.OPERATOR)).token();
      assertThat(fx.getBearer("/v1/audit-logs", operatorToken).statusCode()).isEqualTo(403);
      SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
      assertThat(fx.getBearer("/v1/audit-logs", fx.session(admin).token()).statusCode()).isEqualTo(200);
      // the refusal itself is on record
      assertThat(fx.audit.list(new org.centurion.seatmanager.audit.AuditQuery(java.util.Optional.of(viewer.username()),
          java.util.Optional.empty(), java.util.Optional.empty(),
          java.util.Optional.of(org.centurion.seatmanager.audit.AuditResult.DENIED), java.util.Optional.empty(),
          java.util.Optional.empty(), java.util.Optional.empty(), 10))).hasSize(3);
    }
  }
}
