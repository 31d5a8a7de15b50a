package org.centurion.seatmanager.chain;

import java.util.Optional;

/** An eth_call or gas estimate that reverted; {@link #revertData()} feeds {@link RevertDecoder}. */
public final class ContractRevertedException extends ChainException {
  private final String revertData;

  public ContractRevertedException(String endpointLabel, String nodeMessage, String revertData) {
    super(ChainErrorCode.CALL_REVERTED, endpointLabel + ": " + nodeMessage + (revertData == null ? "" : " data=" + revertData));
    this.revertData = revertData;
  }

  /** 0x-prefixed revert data, when the node returned any. */
  public Optional<String> revertData() {
    return Optional.ofNullable(revertData);
  }
}
