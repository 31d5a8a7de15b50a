package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.transaction.type.Transaction1559;
import tools.jackson.databind.node.ObjectNode;

/**
 * The isolated signer's own record of every decision: one JSON line per sign request, signed or
 * refused, with the transaction's fields and the decoded call, forced to disk before the answer
 * leaves the signer. It is opened for append only and never holds a key or a secret. The database
 * can be rewritten by whoever owns it; this file lives with the key.
 */
public final class SignerDecisionLog {
  public static final String SIGNED = "SIGNED";
  public static final String REFUSED = "REFUSED";

  private final Path file;
  private final Clock clock;

  public SignerDecisionLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    try {
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create the signer decision log " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one decision; throws if it cannot be made durable (then nothing may be signed). */
  public synchronized void append(String decision, RawTransaction tx, SigningJustification why, String call, String code,
      String reason, String txHash) {
    ObjectNode line = SignerProtocol.JSON.createObjectNode();
    line.put("at", clock.instant().toString());
    line.put("decision", decision);
    if (tx != null && tx.getTransaction() instanceof Transaction1559 t) {
      line.put("chainId", t.getChainId());
      line.put("nonce", t.getNonce().toString());
      line.put("to", t.getTo());
      line.put("value", t.getValue().toString());
      line.put("maxFeePerGas", t.getMaxFeePerGas().toString());
      line.put("maxPriorityFeePerGas", t.getMaxPriorityFeePerGas().toString());
      line.put("gasLimit", t.getGasLimit().toString());
    }
    line.put("justification", why == null ? "-" : why.describe());
    line.put("call", call);
    line.put("code", code);
    line.put("reason", reason);
    line.put("txHash", txHash);
    byte[] bytes = (SignerProtocol.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    } catch (IOException e) {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "cannot append to the decision log: " + e.getMessage());
    }
  }
}
