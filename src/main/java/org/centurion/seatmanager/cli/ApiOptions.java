package org.centurion.seatmanager.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * How an admin command reaches the API (issue 15): it signs in as a user, steps up for the one
 * request it makes and signs out, so the API's guard, step-up and audit apply as for the console.
 * The password is read from standard input (never an argument, which other users can see).
 */
public final class ApiOptions {
  @Option(names = "--api-url", paramLabel = "URL", defaultValue = "${env:SEAT_MANAGER_API_URL:-http://127.0.0.1:8080}",
      description = "The seat-manager API (default: $SEAT_MANAGER_API_URL or http://127.0.0.1:8080).")
  URI apiUrl;

  @Option(names = "--username", required = true, description = "The user to sign in as (an ADMIN for writes).")
  String username;

  @Option(names = "--totp", description = "The current TOTP code, when the user is enrolled.")
  String totp;
}
