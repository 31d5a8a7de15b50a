/**
 * Deposit data: everything between a deposit-cli file (or a managed key) and the decision that 32 CTN may
 * be sent.
 *
 * <p>For {@code POST /v1/seats/:id/deposit-data}:
 *
 * <pre>{@code
 * ParseResult parsed = new DepositDataParser(limits).parse(body);          // never throws on input
 * VerificationReport report = verifier.verifySeatSubmission(parsed, SeatExpectation.of(seatPubkey, vault));
 * if (!report.passed()) -> 422 with report.failures() (each has a stable FailureCode)
 * }</pre>
 *
 * <p>{@link org.centurion.seatmanager.deposit.DepositDataVerifier} is built once from the configured
 * genesis fork version, {@code SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE} and a
 * {@link org.centurion.seatmanager.deposit.BatchVerifier}; its {@code healthWarnings()} belong wherever
 * health is shown. {@link org.centurion.seatmanager.deposit.GenesisForkVersionCheck} is the start-up check
 * against a beacon node.
 *
 * <p>For {@code POST /v1/seats/generate}, used only by the key process ({@code keys}):
 * {@link org.centurion.seatmanager.deposit.SecretFile} (the mode-600 mnemonic file) and
 * {@link org.centurion.seatmanager.deposit.ManagedKeyGenerator} (index + vault to pubkey, signed deposit
 * data and EIP-2335 keystore).
 */
package org.centurion.seatmanager.deposit;
