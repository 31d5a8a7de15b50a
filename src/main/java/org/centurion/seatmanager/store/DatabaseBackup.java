package org.centurion.seatmanager.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logical backup of everything seat-manager keeps that the chain cannot rebuild (issue 15), and its
 * restore into a fresh database: every table of the schema, copied out inside one repeatable-read
 * snapshot, one zip entry per table with its row count and SHA-256 in a manifest. A restore takes a
 * database migrated to exactly the backup's schema version and holding nothing yet, checks every
 * entry's hash before it writes, loads parents before children in one transaction (the tables' own
 * triggers off meanwhile, so the operation history and the append-only rows arrive exactly as they
 * were and nothing is rewritten), moves each sequence past the restored ids, and counts the rows again.
 * Independent of the server's major version, unlike a pg_dump client.
 */
public final class DatabaseBackup {
  public static final String FORMAT = "seat-manager-backup/1";
  private static final String MANIFEST = "manifest.json";
  private static final String SCHEMA_HISTORY = "flyway_schema_history";
  /** Tables a fresh migration fills with a row of its own, which the backup's rows replace. */
  private static final Set<String> SEEDED = Set.of("executor_pause");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What a backup or a restore covered. */
  public record Summary(String schemaVersion, Map<String, Long> rows) {}

  /** The backup or the restore cannot be used as asked; nothing was changed. */
  public static final class BackupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
      super(message, null, false, false);
    }
  }

  private DatabaseBackup() {}

  /** Writes the backup to {@code out} (created mode 600, never over a file). */
  public static Summary backup(DataSource db, Path out) throws IOException, SQLException {
    Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Connection c = db.getConnection(); OutputStream file = Files.newOutputStream(out);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      String version = schemaVersion(c);
      List<Map<String, Object>> tables = new ArrayList<>();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String t : tables(c)) {
        List<String> columns = columns(c, t);
        zip.putNextEntry(new ZipEntry("tables/" + t + ".copy"));
        MessageDigest sha = sha256();
        DigestOutputStream digest = new DigestOutputStream(new NonClosing(zip), sha);
        long rows = copy.copyOut("COPY " + quoted(t) + " (" + columnList(columns) + ") TO STDOUT", digest);
        digest.flush();
        zip.closeEntry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t);
        m.put("columns", columns);
        m.put("rows", rows);
        m.put("sha256", HexFormat.of().formatHex(sha.digest()));
        tables.add(m);
        counts.put(t, rows);
      }
      c.commit();
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("format", FORMAT);
      manifest.put("schemaVersion", version);
      manifest.put("createdAt", Instant.now().toString());
      manifest.put("tables", tables);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      zip.closeEntry();
      return new Summary(version, counts);
    }
  }

  /** Restores {@code from} into {@code db}, which must be freshly migrated to the backup's version and empty. */
  public static Summary restore(DataSource db, Path from) throws IOException, SQLException {
    try (ZipFile zip = new ZipFile(from.toFile()); Connection c = db.getConnection()) {
      ZipEntry manifestEntry = zip.getEntry(MANIFEST);
      if (manifestEntry == null) {
        throw new BackupException(from + " is not a seat-manager backup (no " + MANIFEST + ")");
      }
      JsonNode manifest = JSON.readTree(zip.getInputStream(manifestEntry));
      if (!FORMAT.equals(manifest.path("format").asString(""))) {
        throw new BackupException(from + " is not a " + FORMAT + " backup");
      }
      String version = manifest.path("schemaVersion").asString("");
      String target = schemaVersion(c);
      if (!version.equals(target)) {
        throw new BackupException("the backup is of schema version " + version + ", the database is at " + target
            + ": migrate a fresh database with the build that made the backup, restore, then upgrade");
      }
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      for (JsonNode t : manifest.path("tables")) {
        byName.put(t.path("name").asString(), t);
      }
      Set<String> present = new LinkedHashSet<>(tables(c));
      if (!present.equals(byName.keySet())) {
        throw new BackupException("the backup's tables are not the database's: " + byName.keySet() + " vs " + present);
      }
      for (JsonNode t : byName.values()) {
        verifyEntry(zip, t);
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String t : present) {
          long rows = count(c, t);
          if (rows > 0 && !SEEDED.contains(t)) {
            throw new BackupException("table " + t + " holds " + rows + " row(s): restore into a freshly migrated, empty"
                + " database only");
          }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : parentsFirst(c, present)) {
          JsonNode entry = byName.get(t);
          List<String> columns = new ArrayList<>();
          entry.path("columns").forEach(col -> columns.add(col.asString()));
          if (!columns.equals(columns(c, t))) {
            throw new BackupException("table " + t + "'s columns in the backup are not the database's: " + columns);
          }
          s.execute("ALTER TABLE " + quoted(t) + " DISABLE TRIGGER USER");
          if (SEEDED.contains(t)) {
            s.execute("DELETE FROM " + quoted(t));
          }
          try (InputStream in = zip.getInputStream(zip.getEntry("tables/" + t + ".copy"))) {
            counts.put(t, copy.copyIn("COPY " + quoted(t) + " (" + columnList(columns) + ") FROM STDIN", in));
          }
          s.execute("ALTER TABLE " + quoted(t) + " ENABLE TRIGGER USER");
          if (counts.get(t) != entry.path("rows").asLong(-1) || count(c, t) != counts.get(t)) {
            throw new BackupException("table " + t + ": " + counts.get(t) + " row(s) restored, the manifest says "
                + entry.path("rows").asLong(-1));
          }
        }
        advanceSequences(c);
        c.commit();
        return new Summary(version, counts);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void verifyEntry(ZipFile zip, JsonNode t) throws IOException {
    String name = t.path("name").asString();
    ZipEntry e = zip.getEntry("tables/" + name + ".copy");
    if (e == null) {
      throw new BackupException("the backup has no data for table " + name);
    }
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(zip.getInputStream(e), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    if (!HexFormat.of().formatHex(sha.digest()).equals(t.path("sha256").asString())) {
      throw new BackupException("table " + name + "'s data does not match its SHA-256 in the manifest: the backup is damaged"
          + " or was changed; nothing was restored");
    }
  }

  private static String schemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM " + SCHEMA_HISTORY
        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
      if (!r.next()) {
        throw new BackupException("the database is not migrated: run 'seat-manager db migrate' first");
      }
      return r.getString(1);
    }
  }

  /** Every table of the current schema but the migration history (the target has its own, checked by version). */
  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        + " AND tablename <> ? ORDER BY tablename")) {
      p.setString(1, SCHEMA_HISTORY);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_schema ="
        + " current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
      p.setString(1, table);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  /** The tables ordered so that every table a foreign key points at comes before the table that points. */
  private static List<String> parentsFirst(Connection c, Set<String> tables) throws SQLException {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT c.relname, p.relname FROM pg_constraint k"
        + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND n.nspname = current_schema()")) {
      while (r.next()) {
        if (!r.getString(1).equals(r.getString(2)) && parents.containsKey(r.getString(1))) {
          parents.get(r.getString(1)).add(r.getString(2));
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    while (ordered.size() < tables.size()) {
      boolean progressed = false;
      for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
        if (!ordered.contains(e.getKey()) && ordered.containsAll(e.getValue())) {
          ordered.add(e.getKey());
          progressed = true;
        }
      }
      if (!progressed) {
        throw new BackupException("the tables' foreign keys form a cycle: " + parents);
      }
    }
    return ordered;
  }

  /** Each sequence a column takes its default from moves past the restored ids. */
  private static void advanceSequences(Connection c) throws SQLException {
    List<String[]> serials = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT table_name, column_name,"
        + " pg_get_serial_sequence(quote_ident(table_name), column_name) FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL")) {
      while (r.next()) {
        serials.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
      }
    }
    try (Statement s = c.createStatement()) {
      for (String[] t : serials) {
        s.execute("SELECT setval('" + t[2].replace("'", "''") + "', COALESCE((SELECT max(" + quoted(t[1]) + ") FROM "
            + quoted(t[0]) + "), 1), (SELECT max(" + quoted(t[1]) + ") FROM " + quoted(t[0]) + ") IS NOT NULL)");
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + quoted(table))) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String columnList(List<String> columns) {
    return String.join(", ", columns.stream().map(DatabaseBackup::quoted).toList());
  }

  /** An identifier as SQL: the names come from the catalogue, quoted all the same. */
  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The zip stream stays open across entries: COPY must not close it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
