package org.centurion.seatmanager.devnet;

import java.util.List;

/**
 * One compiled reference contract: its ABI entries as (kind, signature) pairs and its creation and
 * runtime bytecode, both {@code 0x}-prefixed hex.
 */
public record ContractArtifact(
    String name, List<AbiEntry> abi, String creationBytecode, String runtimeBytecode) {

  /** kind is {@code function}, {@code event}, {@code error} or {@code constructor}. */
  public record AbiEntry(String kind, String signature) {}

  public boolean declares(String kind, String signature) {
    return abi.contains(new AbiEntry(kind, signature));
  }
}
