package org.centurion.seatmanager.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One leadership of a role: the fencing token a {@link RoleLock} took ({@code role_leadership.epoch}).
 * The thread acting for the role enters its term ({@link #enter}); every write that thread makes checks,
 * in the write's own transaction and under a row lock ({@link #requireCurrent}), that the epoch is still
 * this one. A takeover increments the epoch and waits for those row locks, so a leader paused by SIGSTOP,
 * a long GC or a partition, then resumed, finds a newer epoch and writes nothing.
 */
public record LeaderTerm(String role, long epoch) {
  private static final ThreadLocal<LeaderTerm> CURRENT = new ThreadLocal<>();

  /** The term the calling thread acts in, if it acts for a role. */
  public static Optional<LeaderTerm> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Acts in {@code term} on this thread until the scope closes. */
  public static Scope enter(LeaderTerm term) {
    LeaderTerm previous = CURRENT.get();
    CURRENT.set(term);
    return () -> restore(previous);
  }

  private static void restore(LeaderTerm previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /**
   * When the calling thread acts for a role: refuses, in {@code h}'s transaction, unless the role's
   * epoch is still the thread's. A thread that acts for no role (a request, a CLI command, a test
   * calling a watcher directly) is not fenced.
   *
   * @throws FencedOut when another instance took the role over
   */
  public static void requireCurrent(Handle h) {
    LeaderTerm t = CURRENT.get();
    if (t != null) {
      t.require(h);
    }
  }

  /** The check itself; FOR SHARE makes a concurrent takeover wait until this transaction ends. */
  public void require(Handle h) {
    Optional<Long> now = h.createQuery("SELECT epoch FROM role_leadership WHERE role = :role FOR SHARE")
        .bind("role", role).mapTo(Long.class).findOne();
    if (now.isEmpty() || now.get() != epoch) {
      throw new FencedOut(this, now);
    }
  }

  /** A scope of {@link #enter}; closing it never throws. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** This instance's leadership ended: the write is refused and the round must stop. */
  public static final class FencedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FencedOut(LeaderTerm term, Optional<Long> now) {
      super("the '" + term.role() + "' role was taken over (our epoch " + term.epoch() + ", now "
          + now.map(String::valueOf).orElse("none") + "): this instance writes nothing more");
    }
  }
}
