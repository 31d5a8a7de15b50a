package org.centurion.seatmanager.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append-only anchor file ({@code SEAT_MANAGER_AUDIT_ANCHOR_FILE}): one {@link AuditAnchor} per
 * line, appended and fsync'd, never rewritten. Put it where the database's users cannot write (another
 * host's mount, a {@code chattr +a} file) or ship its lines off the host: the anchors are what a
 * consistent rewrite or a truncated tail of the database is compared against.
 */
public final class AuditAnchorFile {
  private final Path path;

  public AuditAnchorFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** Every anchor, oldest first; none when the file does not exist yet. */
  public List<AuditAnchor> read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit anchor file " + path, e);
    }
    List<AuditAnchor> anchors = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        anchors.add(AuditAnchor.parse(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the audit anchor file " + path + " has a malformed line " + (i + 1), e);
      }
    }
    return List.copyOf(anchors);
  }

  public Optional<AuditAnchor> last() {
    List<AuditAnchor> all = read();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  /** Appends one anchor and forces it to disk before returning. */
  public void append(AuditAnchor anchor) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap((anchor.line() + "\n").getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit anchor file " + path, e);
    }
  }
}
