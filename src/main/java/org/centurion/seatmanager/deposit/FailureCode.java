package org.centurion.seatmanager.deposit;

/**
 * Stable codes for everything that can be wrong with submitted deposit data. The names are an API: routes
 * return them, operators grep for them, tests pin them. Add codes; never rename or reuse one.
 */
public enum FailureCode {
  // The file as a whole.
  FILE_TOO_LARGE("the file exceeds the size limit"),
  JSON_MALFORMED("the file is not well-formed JSON"),
  NOT_AN_ARRAY("the top level must be a JSON array of deposit objects"),
  NO_ENTRIES("the array holds no deposit objects"),
  TOO_MANY_ENTRIES("the array holds more deposit objects than allowed"),
  TRAILING_CONTENT("there is content after the top-level array"),

  // The shape of one entry.
  ENTRY_NOT_OBJECT("an array element is not a JSON object"),
  DUPLICATE_KEY("a key appears twice in one object"),
  UNKNOWN_FIELD("a key that the deposit CLI does not write"),
  MISSING_FIELD("a key that the deposit CLI always writes is missing"),
  FIELD_TYPE("a value has the wrong JSON type"),
  HEX_INVALID("a hex value holds characters other than hex digits, or an odd number of them"),
  PUBKEY_LENGTH("pubkey is not 48 bytes"),
  WC_LENGTH("withdrawal_credentials is not 32 bytes"),
  SIGNATURE_LENGTH("signature is not 96 bytes"),
  MESSAGE_ROOT_LENGTH("deposit_message_root is not 32 bytes"),
  DATA_ROOT_LENGTH("deposit_data_root is not 32 bytes"),
  FORK_VERSION_LENGTH("fork_version is not 4 bytes"),
  AMOUNT_INVALID("amount is not an unsigned 64-bit integer (JSON number or decimal string)"),
  TEXT_INVALID("network_name or deposit_cli_version is empty, too long or not printable ASCII"),

  // The checks for a seat.
  ENTRY_COUNT("a seat takes exactly one deposit entry"),
  PUBKEY_MISMATCH("pubkey is not the seat's validator key"),
  PUBKEY_INVALID("pubkey is not a valid BLS12-381 G1 point in the prime-order subgroup, or is infinity"),
  WC_PREFIX("withdrawal_credentials do not start with 0x01 followed by 11 zero bytes"),
  WC_NOT_VAULT("withdrawal_credentials do not name the seat's vault"),
  AMOUNT_NOT_32_CTN("amount is not exactly 32000000000 gwei"),
  FORK_VERSION_MISMATCH("fork_version is not the chain's genesis fork version"),
  MESSAGE_ROOT_MISMATCH("deposit_message_root does not match the recomputed root"),
  SIGNATURE_POINT_INVALID(
      "signature is not a valid BLS12-381 G2 point in the prime-order subgroup, or is infinity"),
  SIGNATURE_INVALID("the BLS signature does not verify for this pubkey, message and fork version"),
  DATA_ROOT_MISMATCH("deposit_data_root does not match the root the deposit contract recomputes"),
  DUPLICATE_PUBKEY("the same pubkey appears in more than one entry");

  private final String description;

  FailureCode(String description) {
    this.description = description;
  }

  /** A fixed, human-readable explanation of the code (never contains submitted data). */
  public String description() {
    return description;
  }
}
