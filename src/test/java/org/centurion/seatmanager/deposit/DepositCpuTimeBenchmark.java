package org.centurion.seatmanager.deposit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The same operations as {@link DepositVerificationBenchmark}, timed in CPU time of the calling thread
 * (and, for batches, of the whole process) rather than wall time: on a machine shared with other builds,
 * CPU time per operation still says what one core can do. Run its {@code main}; see docs/performance.md.
 */
public final class DepositCpuTimeBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private DepositCpuTimeBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    DepositVerificationBenchmark.Deposits d = new DepositVerificationBenchmark.Deposits();
    d.make();
    for (int round = 0; round <= rounds; round++) {
      boolean warmup = round == 0;
      int[] cursor = {0};
      report(warmup, "blstFloor (pre-decoded points)", 1024, 1, () -> {
        int i = cursor[0]++ & 1023;
        return Bls.verify(d.keys[i], d.items.get(i).message(), d.sigs[i]) ? 1 : 0;
      });
      report(warmup, "singleFromBytes", 1024, 1, () -> BatchVerifier.verifySingle(d.items.get(cursor[0]++ & 1023)).ordinal());
      DepositDataVerifier verifier = new DepositDataVerifier(DepositVerificationBenchmark.Deposits.FORK, true, new BatchVerifier(1));
      report(warmup, "singleEntryAllChecks", 512, 1, () -> {
        DepositDataEntry e = d.entries.get(cursor[0]++ & 1023);
        return verifier.verify(List.of(e), SeatExpectation.of(e.pubkey(), DepositVerificationBenchmark.Deposits.VAULT)).passed() ? 1 : 0;
      });
      for (int size : new int[] {64, 1024}) {
        for (int workers : new int[] {1, 2}) {
          BatchVerifier batch = new BatchVerifier(workers);
          List<SignedMessage> slice = List.copyOf(d.items.subList(0, size));
          report(warmup, "batch size=" + size + " workers=" + workers, Math.max(2, 4096 / size), size,
              () -> batch.verify(slice).size());
        }
      }
    }
  }

  private static void report(boolean warmup, String name, int ops, int itemsPerOp, IntSupplier op) {
    long wall0 = System.nanoTime();
    long thread0 = THREADS.getCurrentThreadCpuTime();
    long process0 = OS.getProcessCpuTime();
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      sink += op.getAsInt();
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double thread = (THREADS.getCurrentThreadCpuTime() - thread0) / 1e9;
    double process = (OS.getProcessCpuTime() - process0) / 1e9;
    if (warmup || sink < 0) {
      return;
    }
    long items = (long) ops * itemsPerOp;
    System.out.printf(
        "%-36s items=%6d  per-item: wall %7.3f ms, calling-thread CPU %7.3f ms, process CPU %7.3f ms"
            + "  => %7.0f items/s per core-second of process CPU, %7.0f items/s wall%n",
        name, items, 1000 * wall / items, 1000 * thread / items, 1000 * process / items, items / process, items / wall);
  }
}
