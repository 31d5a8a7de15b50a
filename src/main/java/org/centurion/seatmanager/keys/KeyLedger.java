package org.centurion.seatmanager.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key process's own append-only record (mode 600, in its state directory, which api cannot
 * reach): every index it reserved, every key it issued and for which vault, and every refusal. It
 * is also its memory: at start the ledger says which indices are taken, so no index is ever handed
 * out twice and no key is ever issued a second time, across restarts. Each line is synced to disk
 * before the answer leaves the process. Never holds a secret.
 */
final class KeyLedger {
  static final String FILE = "ledger.jsonl";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final Clock clock;
  private final Map<Long, String> reserved = new HashMap<>();
  private final Set<Long> issued = new HashSet<>();
  private long next;

  private KeyLedger(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** Opens (or creates, mode 600) the ledger in {@code stateDir} and replays it. */
  static KeyLedger open(Path stateDir, Clock clock) throws IOException {
    Path file = stateDir.resolve(FILE);
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    KeyLedger ledger = new KeyLedger(file, clock);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        ledger.replay(lines.get(i), i + 1);
      }
    }
    return ledger;
  }

  private void replay(String line, int number) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (RuntimeException e) {
      throw new IOException(file + " line " + number + " is not JSON: the ledger must not be edited");
    }
    long index = n.path("index").asLong(-1);
    switch (n.path("event").asString("")) {
      case "reserved" -> {
        reserved.put(index, n.path("pubkey").asString());
        next = Math.max(next, index + 1);
      }
      case "issued" -> issued.add(index);
      case "refused" -> { }
      default -> throw new IOException(file + " line " + number + " has an unknown event");
    }
  }

  synchronized long nextIndex() {
    return next;
  }

  synchronized Optional<String> reservedPubkey(long index) {
    return Optional.ofNullable(reserved.get(index));
  }

  synchronized boolean isIssued(long index) {
    return issued.contains(index);
  }

  synchronized void reserved(long index, String pubkey) {
    ObjectNode n = entry("reserved");
    n.put("index", index);
    n.put("pubkey", pubkey);
    append(n);
    reserved.put(index, pubkey);
    next = Math.max(next, index + 1);
  }

  synchronized void issued(long index, String pubkey, String vault, String path) {
    ObjectNode n = entry("issued");
    n.put("index", index);
    n.put("pubkey", pubkey);
    n.put("vault", vault);
    n.put("path", path);
    append(n);
    issued.add(index);
  }

  /** A refused request: the code, the operation asked for, and what the request named (never a secret). */
  synchronized void refused(KeyProcessErrorCode code, String op, String detail) {
    ObjectNode n = entry("refused");
    n.put("code", code.name());
    n.put("op", op);
    n.put("detail", detail);
    try {
      append(n);
    } catch (IllegalStateException e) {
      // the refusal stands even when its record cannot be written; the log line still has it
    }
  }

  private ObjectNode entry(String event) {
    ObjectNode n = JSON.createObjectNode();
    n.put("at", clock.instant().toString());
    n.put("event", event);
    return n;
  }

  private void append(ObjectNode n) {
    byte[] line = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new IllegalStateException("the key ledger " + file + " cannot be written: " + e.getMessage(), e);
    }
  }
}
