package org.centurion.seatmanager.web.routes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.centurion.seatmanager.dashboard.DashboardFeature;
import org.centurion.seatmanager.evidence.SeatEvidenceExport;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.ops.OpsFeature;
import org.centurion.seatmanager.web.console.PauseActionEndpoint;
import org.centurion.seatmanager.web.ops.ApprovalDecisionEndpoint;
import org.centurion.seatmanager.web.ops.ApprovalGate;
import org.centurion.seatmanager.web.ops.ListApprovalsEndpoint;
import org.centurion.seatmanager.web.ops.CancelOperationEndpoint;
import org.centurion.seatmanager.web.ops.GetOperationEndpoint;
import org.centurion.seatmanager.web.ops.GetPauseEndpoint;
import org.centurion.seatmanager.web.ops.ListOperationsEndpoint;
import org.centurion.seatmanager.web.ops.RetryOperationEndpoint;
import org.centurion.seatmanager.web.ops.PauseEndpoint;
import org.centurion.seatmanager.web.ops.ResumeEndpoint;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.HealthCheck;
import org.centurion.seatmanager.web.HealthEndpoint;
import org.centurion.seatmanager.web.OpenApiEndpoint;
import org.centurion.seatmanager.web.audit.GetAuditLogEndpoint;
import org.centurion.seatmanager.web.audit.ListAuditLogsEndpoint;
import org.centurion.seatmanager.web.audit.VerifyAuditLogEndpoint;
import org.centurion.seatmanager.web.auth.ChangePasswordEndpoint;
import org.centurion.seatmanager.web.auth.CreateStakerKeyEndpoint;
import org.centurion.seatmanager.web.auth.CreateUserEndpoint;
import org.centurion.seatmanager.web.auth.ListStakerKeysEndpoint;
import org.centurion.seatmanager.web.auth.ListUsersEndpoint;
import org.centurion.seatmanager.web.auth.LoginEndpoint;
import org.centurion.seatmanager.web.auth.LogoutEndpoint;
import org.centurion.seatmanager.web.auth.MeEndpoint;
import org.centurion.seatmanager.web.auth.MfaStatusEndpoint;
import org.centurion.seatmanager.web.auth.PasskeyAssertionOptionsEndpoint;
import org.centurion.seatmanager.web.auth.PasskeyRegistrationEndpoint;
import org.centurion.seatmanager.web.auth.PasskeyRegistrationOptionsEndpoint;
import org.centurion.seatmanager.web.auth.RecoveryCodesEndpoint;
import org.centurion.seatmanager.web.auth.RevokeStakerKeyEndpoint;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.web.auth.StepUpEndpoint;
import org.centurion.seatmanager.web.auth.TotpConfirmEndpoint;
import org.centurion.seatmanager.web.auth.TotpEnrolEndpoint;
import org.centurion.seatmanager.web.auth.UpdateUserEndpoint;
import org.centurion.seatmanager.web.console.AcknowledgeAlertActionEndpoint;
import org.centurion.seatmanager.web.console.ApproveSeatActionEndpoint;
import org.centurion.seatmanager.web.console.AuditEndpoint;
import org.centurion.seatmanager.web.console.ConsoleAssetEndpoint;
import org.centurion.seatmanager.web.console.ConsoleFeature;
import org.centurion.seatmanager.web.console.DashboardEndpoint;
import org.centurion.seatmanager.web.console.DepositDataUploadEndpoint;
import org.centurion.seatmanager.web.console.DepositSeatActionEndpoint;
import org.centurion.seatmanager.web.console.DisableUserEndpoint;
import org.centurion.seatmanager.web.console.ForceExitSeatActionEndpoint;
import org.centurion.seatmanager.web.console.HomeEndpoint;
import org.centurion.seatmanager.web.console.LoginPageEndpoint;
import org.centurion.seatmanager.web.console.PasswordPageEndpoint;
import org.centurion.seatmanager.web.console.ResetPasswordEndpoint;
import org.centurion.seatmanager.web.console.RevokeSeatActionEndpoint;
import org.centurion.seatmanager.web.console.SeatEndpoint;
import org.centurion.seatmanager.web.console.SeatsEndpoint;
import org.centurion.seatmanager.web.console.SettleSeatActionEndpoint;
import org.centurion.seatmanager.web.console.UsersEndpoint;
import org.centurion.seatmanager.web.dashboard.AcknowledgeAlertEndpoint;
import org.centurion.seatmanager.web.dashboard.DashboardHealthEndpoint;
import org.centurion.seatmanager.web.dashboard.ListAlertsEndpoint;
import org.centurion.seatmanager.web.seats.ApproveSeatEndpoint;
import org.centurion.seatmanager.web.seats.CreateSeatWithVaultEndpoint;
import org.centurion.seatmanager.web.seats.DepositSeatEndpoint;
import org.centurion.seatmanager.web.seats.ForceExitSeatEndpoint;
import org.centurion.seatmanager.web.seats.GenerateSeatEndpoint;
import org.centurion.seatmanager.web.seats.GetSeatEndpoint;
import org.centurion.seatmanager.web.seats.ListSeatsEndpoint;
import org.centurion.seatmanager.web.seats.ResolveSeatEndpoint;
import org.centurion.seatmanager.web.seats.RevokeSeatEndpoint;
import org.centurion.seatmanager.web.seats.SeatEvidenceEndpoint;
import org.centurion.seatmanager.web.seats.SeatOperationsEndpoint;
import org.centurion.seatmanager.web.seats.SettleSeatEndpoint;
import org.centurion.seatmanager.web.seats.SubmitDepositDataEndpoint;
import org.centurion.seatmanager.web.seats.ValidatorEndpoint;
import org.centurion.seatmanager.web.seats.ValidatorsByAddressEndpoint;
import org.centurion.seatmanager.web.operator.DecideExitRequestEndpoint;
import org.centurion.seatmanager.web.operator.EnrollEndpoint;
import org.centurion.seatmanager.web.operator.EnrollmentKeyEndpoint;
import org.centurion.seatmanager.web.operator.IssueEnrollmentTokenEndpoint;
import org.centurion.seatmanager.web.operator.ListExitRequestsEndpoint;
import org.centurion.seatmanager.web.operator.ListOperatorKeysEndpoint;
import org.centurion.seatmanager.web.operator.OperatorSeatStatusEndpoint;
import org.centurion.seatmanager.web.operator.PrepareClaimEndpoint;
import org.centurion.seatmanager.web.operator.RequestExitEndpoint;
import org.centurion.seatmanager.web.operator.RevokeOperatorKeyEndpoint;
import org.centurion.seatmanager.web.operator.RotateOperatorKeyEndpoint;

/**
 * Every route of the API and the console, in one list (as Teku's beacon REST API lists its endpoints).
 * The order is registration order, which is also the order of /openapi.json: keep it. {@code ApiServer}
 * registers {@link #endpoints()}; the OpenAPI document and the authorization matrix read {@link #specs()}.
 * The sections are public so that a test can serve one feature's routes alone.
 */
public final class RouteRegistry {
  private final List<Endpoint> endpoints;
  private final List<EndpointSpec> specs;

  private RouteRegistry(List<Endpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
    this.specs = this.endpoints.stream().map(Endpoint::spec).toList();
  }

  /** The whole service: health, the OpenAPI document, security, seats, operator, dashboard, console. */
  public static RouteRegistry of(HealthCheck health, String version, boolean openApiPublic, SecurityFeature security,
      SeatsFeature seats, OperatorFeature operator, DashboardFeature dashboard, ConsoleFeature console, OpsFeature ops,
      SeatEvidenceExport evidence, Clock clock) {
    List<Endpoint> all = new ArrayList<>();
    all.add(new HealthEndpoint(health));
    // the OpenAPI endpoint is itself in the list it describes, so it reads the registry once that exists
    AtomicReference<RouteRegistry> self = new AtomicReference<>();
    all.add(new OpenApiEndpoint(() -> self.get().specs(), version, openApiPublic));
    all.addAll(security(security, clock));
    ApprovalGate gate = new ApprovalGate(ops.approvals(), seats, ops.pause());
    all.addAll(seats(seats, Optional.of(gate)));
    all.addAll(operator(operator));
    all.addAll(dashboard(dashboard));
    all.addAll(operations(ops, gate));
    all.addAll(console(console, security, seats, dashboard, clock, Optional.of(gate)));
    all.addAll(operationsConsole(console, ops, gate));
    all.add(SeatEvidenceEndpoint.api(evidence, operator));
    all.add(SeatEvidenceEndpoint.console(evidence, operator));
    RouteRegistry registry = new RouteRegistry(all);
    self.set(registry);
    return registry;
  }

  public static List<Endpoint> security(SecurityFeature security, Clock clock) {
    return List.of(
        new LoginEndpoint(security.login(), security.cookie(), clock),
        new LogoutEndpoint(security.sessions(), security.cookie()),
        new MeEndpoint(security.users(), security.sessions()),
        new StepUpEndpoint(security.stepUp()),
        new TotpEnrolEndpoint(security.totp()),
        new TotpConfirmEndpoint(security.totp()),
        new PasskeyRegistrationOptionsEndpoint(security.factors().passkeys()),
        new PasskeyRegistrationEndpoint(security.factors().passkeys()),
        new PasskeyAssertionOptionsEndpoint(security.factors().passkeys()),
        new RecoveryCodesEndpoint(security.factors()),
        new MfaStatusEndpoint(security.factors()),
        new ListUsersEndpoint(security.users()),
        new CreateUserEndpoint(security.users()),
        new UpdateUserEndpoint(security.users()),
        new ChangePasswordEndpoint(security.users(), security.stepUp()),
        new ListStakerKeysEndpoint(security.stakerKeys()),
        new CreateStakerKeyEndpoint(security.stakerKeys()),
        new RevokeStakerKeyEndpoint(security.stakerKeys()),
        new ListAuditLogsEndpoint(security.audit()),
        // before /{id}, so "verify" is never taken for an id
        new VerifyAuditLogEndpoint(security.audit(), security.chainChecks()),
        new GetAuditLogEndpoint(security.audit()));
  }

  public static List<Endpoint> seats(SeatsFeature seats) {
    return seats(seats, Optional.empty());
  }

  /** @param gate the two-person rule on deposits, force-exits and settlements (issue 15); empty only in tests serving the seats alone */
  public static List<Endpoint> seats(SeatsFeature seats, Optional<ApprovalGate> gate) {
    return List.of(
        new ListSeatsEndpoint(seats), new GetSeatEndpoint(seats), new SeatOperationsEndpoint(seats),
        new CreateSeatWithVaultEndpoint(seats), new GenerateSeatEndpoint(seats),
        new SubmitDepositDataEndpoint(seats), new ApproveSeatEndpoint(seats), new DepositSeatEndpoint(seats, gate),
        new SettleSeatEndpoint(seats, gate), new ForceExitSeatEndpoint(seats, gate), new RevokeSeatEndpoint(seats),
        new ResolveSeatEndpoint(seats), new ValidatorsByAddressEndpoint(seats), new ValidatorEndpoint(seats));
  }

  /** The operator's side (issue 16): enrollment, the operator-key routes, and their admin counterparts. */
  public static List<Endpoint> operator(OperatorFeature operator) {
    return List.of(
        new EnrollmentKeyEndpoint(operator), new IssueEnrollmentTokenEndpoint(operator), new EnrollEndpoint(operator),
        new OperatorSeatStatusEndpoint(operator), new PrepareClaimEndpoint(operator), new RotateOperatorKeyEndpoint(operator),
        new RequestExitEndpoint(operator), new ListOperatorKeysEndpoint(operator),
        new RevokeOperatorKeyEndpoint(operator), new ListExitRequestsEndpoint(operator),
        new DecideExitRequestEndpoint(operator));
  }

  public static List<Endpoint> dashboard(DashboardFeature dashboard) {
    return List.of(new DashboardHealthEndpoint(dashboard.health()), new ListAlertsEndpoint(dashboard.alerts()),
        new AcknowledgeAlertEndpoint(dashboard.alerts()));
  }

  /** The bad-day tools of the executor (issue 15). */
  public static List<Endpoint> operations(OpsFeature ops, ApprovalGate gate) {
    return List.of(new GetPauseEndpoint(ops.pause()), new PauseEndpoint(ops.pause()), new ResumeEndpoint(ops.pause(), gate),
        new ListApprovalsEndpoint(ops.approvals()), ApprovalDecisionEndpoint.approve(gate), ApprovalDecisionEndpoint.reject(gate),
        new ListOperationsEndpoint(ops.operations()), new GetOperationEndpoint(ops.operations()),
        new RetryOperationEndpoint(ops.operations()), new CancelOperationEndpoint(ops.operations()));
  }

  /** The console's doors to the same tools. */
  public static List<Endpoint> operationsConsole(ConsoleFeature console, OpsFeature ops, ApprovalGate gate) {
    return List.of(PauseActionEndpoint.pause(ops.pause(), console.reauthentication(), console.pages(), gate),
        PauseActionEndpoint.resume(ops.pause(), console.reauthentication(), console.pages(), gate),
        new org.centurion.seatmanager.web.console.OperationsEndpoint(console.pages(), ops.operations()),
        new org.centurion.seatmanager.web.console.OperationEndpoint(console.pages(), ops.operations()),
        org.centurion.seatmanager.web.console.OperationActionEndpoint.retry(ops.operations(), console.reauthentication(), console.pages()),
        org.centurion.seatmanager.web.console.OperationActionEndpoint.cancel(ops.operations(), console.reauthentication(), console.pages()),
        new org.centurion.seatmanager.web.console.ApprovalsEndpoint(console.pages(), ops.approvals()),
        org.centurion.seatmanager.web.console.ApprovalActionEndpoint.approve(gate, console.reauthentication(), console.pages()),
        org.centurion.seatmanager.web.console.ApprovalActionEndpoint.reject(gate, console.reauthentication(), console.pages()));
  }

  public static List<Endpoint> console(ConsoleFeature console, SecurityFeature security, SeatsFeature seats,
      DashboardFeature dashboard, Clock clock, Optional<ApprovalGate> gate) {
    var pages = console.pages();
    var reauth = console.reauthentication();
    var seatActions = console.seatActions();
    return List.of(
        new ConsoleAssetEndpoint(),
        new LoginPageEndpoint(pages),
        new org.centurion.seatmanager.web.console.LoginEndpoint(security.login(), security.cookie(), pages, clock),
        new org.centurion.seatmanager.web.console.LogoutEndpoint(security.sessions(), security.cookie()),
        new HomeEndpoint(),
        new PasswordPageEndpoint(pages, security.users()),
        new org.centurion.seatmanager.web.console.ChangePasswordEndpoint(security.users(), pages),
        org.centurion.seatmanager.web.console.TotpActionEndpoint.begin(security.totp(), reauth, pages),
        org.centurion.seatmanager.web.console.TotpActionEndpoint.confirm(security.totp(), reauth, pages),
        new DashboardEndpoint(pages, dashboard.health(), dashboard.alerts(), dashboard.waiting()),
        new AcknowledgeAlertActionEndpoint(dashboard.alerts(), pages),
        new SeatsEndpoint(pages, seats),
        new org.centurion.seatmanager.web.console.CreateSeatEndpoint(seats, pages),
        new SeatEndpoint(pages, seats),
        new AuditEndpoint(pages, security.audit(), security.chainChecks()),
        new UsersEndpoint(pages, security.users()),
        new org.centurion.seatmanager.web.console.CreateUserEndpoint(security.users(), reauth, pages),
        new DisableUserEndpoint(security.users(), reauth, pages),
        new org.centurion.seatmanager.web.console.ChangeRoleEndpoint(security.users(), reauth, pages),
        new org.centurion.seatmanager.web.console.StakerKeysEndpoint(pages, security.stakerKeys()),
        org.centurion.seatmanager.web.console.StakerKeyActionEndpoint.create(security.stakerKeys(), reauth, pages),
        org.centurion.seatmanager.web.console.StakerKeyActionEndpoint.revoke(security.stakerKeys(), reauth, pages),
        new ResetPasswordEndpoint(security.users(), reauth, pages),
        new ApproveSeatActionEndpoint(seatActions),
        new DepositSeatActionEndpoint(seatActions, gate),
        new RevokeSeatActionEndpoint(seatActions),
        new ForceExitSeatActionEndpoint(seatActions, gate),
        new SettleSeatActionEndpoint(seatActions, gate),
        new org.centurion.seatmanager.web.console.ResolveSeatActionEndpoint(seatActions),
        new DepositDataUploadEndpoint(seats, pages));
  }

  /** What {@code ApiServer} registers, in this order. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The routes' metadata, in registration order (the OpenAPI document and the authorization matrix). */
  public List<EndpointSpec> specs() {
    return specs;
  }
}
