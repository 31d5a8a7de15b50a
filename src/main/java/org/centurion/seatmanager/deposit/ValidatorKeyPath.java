package org.centurion.seatmanager.deposit;

import java.util.Arrays;

/** An EIP-2334 key path such as {@code m/12381/3600/7/0/0}: the signing key of validator 7. */
public final class ValidatorKeyPath {
  private static final long MAX_INDEX = 0xffff_ffffL;

  private final long[] indexes;

  private ValidatorKeyPath(long[] indexes) {
    this.indexes = indexes;
  }

  /** {@code m/12381/3600/i/0/0}, the signing key the deposit CLI derives for validator {@code i}. */
  public static ValidatorKeyPath signingKey(long validatorIndex) {
    if (validatorIndex < 0 || validatorIndex > MAX_INDEX) {
      throw new IllegalArgumentException("a key index is between 0 and 2^32 - 1");
    }
    return new ValidatorKeyPath(new long[] {12381, 3600, validatorIndex, 0, 0});
  }

  public static ValidatorKeyPath parse(String path) throws ManagedKeyException {
    String[] parts = path.split("/", -1);
    if (parts.length < 2 || !parts[0].equals("m")) {
      throw new ManagedKeyException(ManagedKeyException.Code.KEY_PATH_INVALID, "a key path looks like m/12381/3600/0/0/0");
    }
    long[] indexes = new long[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || (p.length() > 1 && p.charAt(0) == '0')) {
        throw new ManagedKeyException(ManagedKeyException.Code.KEY_PATH_INVALID, "path component " + i + " is not a decimal index");
      }
      long value = Long.parseLong(p);
      if (value > MAX_INDEX) {
        throw new ManagedKeyException(ManagedKeyException.Code.KEY_PATH_INVALID, "path component " + i + " exceeds 2^32 - 1");
      }
      indexes[i - 1] = value;
    }
    return new ValidatorKeyPath(indexes);
  }

  long[] indexes() {
    return indexes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatorKeyPath other && Arrays.equals(indexes, other.indexes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indexes);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("m");
    for (long i : indexes) {
      out.append('/').append(i);
    }
    return out.toString();
  }
}
