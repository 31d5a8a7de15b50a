package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The isolated signer's {@link DepositLedger}: an append-only file of {@code epochMillis pubkey}
 * lines, each forced to disk before the key is used. It lives with the key, outside the reach of
 * the database and of the processes that ask for signatures. A line that does not parse stops the
 * signer from starting (a truncated or edited ledger must not silently reset the limit).
 */
public final class FileDepositLedger implements DepositLedger {
  private record Entry(Instant at, String pubkey) {}

  private final Path file;
  private final List<Entry> entries = new ArrayList<>();

  public FileDepositLedger(Path file) {
    this.file = file;
    try {
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        n++;
        String[] parts = line.split(" ");
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,19}") || !parts[1].matches("0x[0-9a-f]{96}")) {
          throw new IllegalStateException("deposit ledger " + file + ": line " + n + " is not 'epochMillis 0xpubkey'");
        }
        entries.add(new Entry(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the deposit ledger " + file, e);
    }
  }

  @Override
  public synchronized boolean reserve(String pubkeyHex, Instant now, int maxPerWindow) {
    Instant since = now.minus(WINDOW);
    List<String> recent = entries.stream().filter(e -> e.at().isAfter(since)).map(Entry::pubkey).distinct().toList();
    if (recent.contains(pubkeyHex)) {
      return true;
    }
    if (recent.size() >= maxPerWindow) {
      return false;
    }
    String line = now.toEpochMilli() + " " + pubkeyHex + "\n";
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    } catch (IOException e) {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "cannot record the deposit in the ledger: " + e.getMessage());
    }
    entries.add(new Entry(now, pubkeyHex));
    return true;
  }
}
