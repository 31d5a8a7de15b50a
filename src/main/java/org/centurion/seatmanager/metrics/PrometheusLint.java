package org.centurion.seatmanager.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.ManagementFactory;

/**
 * Where Micrometer's standard binders and Prometheus' naming conventions ({@code promtool check
 * metrics}) disagree, the conventions win: {@code system_cpu_count} is not a histogram count (it
 * becomes {@code system_cpus}) and the process CPU time is reported as Prometheus' own
 * {@code process_cpu_seconds_total} instead of {@code process_cpu_time_ns_total}.
 */
final class PrometheusLint {
  static final MeterFilter FILTER = new MeterFilter() {
    @Override
    public Meter.Id map(Meter.Id id) {
      return "system.cpu.count".equals(id.getName()) ? id.withName("system.cpus") : id;
    }

    @Override
    public io.micrometer.core.instrument.config.MeterFilterReply accept(Meter.Id id) {
      return "process.cpu.time".equals(id.getName())
          ? io.micrometer.core.instrument.config.MeterFilterReply.DENY
          : io.micrometer.core.instrument.config.MeterFilterReply.NEUTRAL;
    }
  };

  private PrometheusLint() {}

  static void bindProcessCpuSeconds(MeterRegistry registry) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time the process used").register(registry);
    }
  }
}
