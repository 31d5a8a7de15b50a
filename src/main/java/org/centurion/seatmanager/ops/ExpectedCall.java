package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.signing.SigningJustification;

/**
 * What an operation must sign, rebuilt from the seat rows, the stored deposit data and the
 * configured addresses (never from the operation row), and what its simulation must show.
 *
 * @param call the router call the operation row must hold, byte for byte
 * @param justification the pubkey and beneficiary the signer's policy derives the vault from
 * @param events every event the call must emit
 * @param transfers the only value-bearing frames the call may contain
 */
public record ExpectedCall(RouterCall call, SigningJustification justification, List<ExpectedEvent> events,
    List<AllowedTransfer> transfers) {
  public ExpectedCall {
    events = List.copyOf(events);
    transfers = List.copyOf(transfers);
  }

  /**
   * An event the simulation must show: emitted by {@code address} with {@code topics} (topic0
   * first; further topics exact), and, when given, these leading {@code bytes} fields of its data.
   */
  public record ExpectedEvent(String name, String address, List<String> topics, List<byte[]> leadingBytesFields) {
    public ExpectedEvent {
      address = address.toLowerCase(Locale.ROOT);
      topics = topics.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
      leadingBytesFields = List.copyOf(leadingBytesFields);
    }
  }

  /** A frame of the call that may carry value: from, to, and the exact amount when it is known in advance. */
  public record AllowedTransfer(String from, String to, Optional<BigInteger> exactWei) {
    public AllowedTransfer {
      from = from.toLowerCase(Locale.ROOT);
      to = to.toLowerCase(Locale.ROOT);
    }
  }
}
