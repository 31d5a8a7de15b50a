package org.centurion.seatmanager.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership for one role (e.g. {@code executor}) across every process on the database: a PostgreSQL
 * session advisory lock held on a connection of its own, and a fencing token (issue 14).
 *
 * <p>Not from the pool, because the lock lives exactly as long as that session. The session is bounded
 * by a lease: the server ends it when it has been idle longer than the lease ({@code
 * idle_session_timeout}; a heartbeat keeps a live leader's session busy) or when TCP keepalives go
 * unanswered, and the client gives up on a silent socket ({@code socketTimeout}, {@code tcpKeepAlive}).
 * So a leader frozen (SIGSTOP, a long pause) or cut off by a partition loses the lock within about one
 * lease, instead of the operating system's two-hour keepalive, and a standby takes over.
 *
 * <p>Each takeover increments {@code role_leadership.epoch}: the {@link LeaderTerm} the role's writes
 * check, so the old leader, when it resumes, writes nothing. Behind a transaction-mode pooler a session
 * lock is held by whatever backend ran the statement: that is detected and refused.
 */
public final class RoleLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoleLock.class);
  private static final int VALIDATION_SECONDS = 2;
  /** The default lease: how long a frozen or partitioned leader can keep a role from its standby. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
  /** Shorter leases would make a busy database's hiccup a failover. */
  public static final Duration MIN_LEASE = Duration.ofSeconds(3);

  private final DatabaseUrl database;
  private final String role;
  private final String holder;
  private final Duration lease;
  private Connection connection;
  private LeaderTerm term;
  private Thread heartbeat;

  public RoleLock(DatabaseUrl database, String role) {
    this(database, role, ProcessHandle.current().pid() + "", DEFAULT_LEASE);
  }

  /**
   * @param holder who leads, as {@code role_leadership.holder} shows it (host:pid)
   * @param lease the bound on a lost leader's session (at least {@link #MIN_LEASE})
   */
  public RoleLock(DatabaseUrl database, String role, String holder, Duration lease) {
    this.database = Objects.requireNonNull(database, "database");
    if (role == null || !role.matches("[a-z][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("role must be a short lower-case name");
    }
    if (lease.compareTo(MIN_LEASE) < 0) {
      throw new IllegalArgumentException("the leader lease must be at least " + MIN_LEASE.toSeconds() + " s");
    }
    this.role = role;
    this.holder = Objects.requireNonNull(holder, "holder");
    this.lease = lease;
  }

  public String role() {
    return role;
  }

  /** The term of the current leadership, while this instance holds the lock. */
  public synchronized Optional<LeaderTerm> term() {
    return connection == null ? Optional.empty() : Optional.ofNullable(term);
  }

  /** Takes the lock if nobody holds it; true when this instance holds it afterwards. */
  public synchronized boolean tryAcquire() {
    if (isHeld()) {
      return true;
    }
    closeQuietly();
    Connection c = null;
    try {
      c = connect(database, lease);
      int pid = backendPid(c);
      if (!tryLock(c)) {
        c.close();
        return false;
      }
      if (!heldBySession(c, pid) || !SessionPinning.ownsItsBackend(c, pid, database)) {
        LOG.error("refusing the '{}' role lock: {}", role, SessionPinning.POOLER);
        unlock(c); // a pooled backend outlives our connection: do not leave the lock on it
        c.close();
        return false;
      }
      long epoch = takeOver(c);
      connection = c;
      term = new LeaderTerm(role, epoch);
      startHeartbeat();
      LOG.info("took the '{}' role lock (epoch {})", role, epoch);
      return true;
    } catch (SQLException e) {
      LOG.warn("cannot take the '{}' role lock: {}", role, e.getMessage());
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the session is gone either way
        }
      }
      return false;
    }
  }

  /** True while the lock's session is alive; a broken connection means the lock may be someone else's now. */
  public synchronized boolean isHeld() {
    if (connection == null) {
      return false;
    }
    try {
      if (connection.isValid(VALIDATION_SECONDS)) {
        return true;
      }
    } catch (SQLException e) {
      // treated as lost below
    }
    LOG.warn("lost the '{}' role lock (epoch {}): its database session ended", role, term == null ? "?" : term.epoch());
    closeQuietly();
    return false;
  }

  /** Releases the lock by ending its session. */
  @Override
  public synchronized void close() {
    if (connection != null) {
      LOG.info("releasing the '{}' role lock", role);
    }
    closeQuietly();
  }

  /**
   * A connection whose session dies with its client: client-side socket timeout and keepalive, and
   * server-side idle and keepalive limits set for this session (every one a user-settable parameter).
   */
  static Connection connect(DatabaseUrl database, Duration lease) throws SQLException {
    Properties p = new Properties();
    database.user().ifPresent(u -> p.setProperty("user", u));
    database.password().ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("ApplicationName", "seat-manager-role-lock");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", Long.toString(Database.CONNECTION_TIMEOUT.toSeconds()));
    p.setProperty("socketTimeout", Long.toString(Math.max(1, lease.toSeconds())));
    Connection c = DriverManager.getConnection(database.jdbcUrl(), p);
    c.setAutoCommit(true);
    long keepaliveIdle = Math.max(1, lease.toSeconds() / 3);
    try (Statement s = c.createStatement()) {
      s.execute("SET idle_session_timeout = " + lease.toMillis());
      s.execute("SET idle_in_transaction_session_timeout = " + lease.toMillis());
      s.execute("SET tcp_keepalives_idle = " + keepaliveIdle);
      s.execute("SET tcp_keepalives_interval = " + keepaliveIdle);
      s.execute("SET tcp_keepalives_count = 3");
      s.execute("SET tcp_user_timeout = " + lease.toMillis());
      s.execute("SET lock_timeout = " + lease.toMillis());
      s.execute("SET statement_timeout = " + lease.toMillis());
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void unlock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
      ps.setString(1, "seat-manager:" + role);
      ps.execute();
    }
  }

  private boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
      ps.setString(1, "seat-manager:" + role);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * The lock must be held by the backend this connection talks to, and that backend must be the one
   * it talked to before: behind a transaction-mode pooler neither holds.
   */
  private static boolean heldBySession(Connection c, int pidBefore) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid(), EXISTS (SELECT 1"
        + " FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid())")) {
      rs.next();
      return rs.getInt(1) == pidBefore && rs.getBoolean(2);
    }
  }

  /** Increments the role's epoch (waiting, up to the lease, for the old leader's fenced writes to end). */
  private long takeOver(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO role_leadership (role, epoch, holder, backend_pid, acquired_at)"
        + " VALUES (?, 1, ?, pg_backend_pid(), now()) ON CONFLICT (role) DO UPDATE SET epoch = role_leadership.epoch + 1,"
        + " holder = EXCLUDED.holder, backend_pid = EXCLUDED.backend_pid, acquired_at = EXCLUDED.acquired_at RETURNING epoch")) {
      ps.setString(1, role);
      ps.setString(2, holder);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Keeps a live leader's session from the idle timeout: a round trip every third of the lease. */
  private void startHeartbeat() {
    Thread t = Thread.ofPlatform().daemon().name("role-lock-" + role).unstarted(this::beat);
    heartbeat = t;
    t.start();
  }

  private void beat() {
    long every = Math.max(500, lease.toMillis() / 3);
    while (true) {
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (heartbeat != Thread.currentThread() || !isHeld()) {
          return;
        }
      }
    }
  }

  private void closeQuietly() {
    Thread t = heartbeat;
    heartbeat = null;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
    term = null;
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing ends the session, which releases the lock
    }
    connection = null;
  }

  @Override
  public String toString() {
    return "RoleLock[" + role + "]";
  }
}
