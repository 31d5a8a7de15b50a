package org.centurion.seatmanager.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The metrics operators expect of any JVM service, beside seat-manager's own: memory, GC, threads,
 * classes, CPU, uptime and open files (Micrometer's binders), named as Prometheus' conventions want
 * ({@link PrometheusLint}).
 */
final class StandardMeters {
  private StandardMeters() {}

  // the GC binder listens to the JVM for the life of the process: nothing closes it
  @SuppressWarnings("resource")
  static void bindTo(MeterRegistry registry) {
    registry.config().meterFilter(PrometheusLint.FILTER);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    PrometheusLint.bindProcessCpuSeconds(registry);
  }
}
