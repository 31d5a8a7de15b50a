package org.centurion.seatmanager.signing;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the treasury's KMS key lives.
 *
 * @param keyId key id, ARN or alias ({@code SEAT_MANAGER_KMS_KEY_ID})
 * @param region AWS region, e.g. {@code eu-central-1}
 * @param endpointOverride a VPC endpoint, or the fake KMS in tests
 * @param timeout upper bound for one KMS call, retries included
 */
public record KmsSettings(String keyId, String region, Optional<URI> endpointOverride, Duration timeout) {
  public KmsSettings {
    Objects.requireNonNull(endpointOverride, "endpointOverride");
    Objects.requireNonNull(timeout, "timeout");
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("KMS key id is required (SEAT_MANAGER_KMS_KEY_ID)");
    }
    if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new IllegalArgumentException("KMS region must look like eu-central-1 (SEAT_MANAGER_KMS_REGION)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("KMS timeout must be positive");
    }
  }
}
