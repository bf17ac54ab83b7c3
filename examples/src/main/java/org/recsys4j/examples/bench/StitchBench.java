package org.recsys4j.examples.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.recsys4j.features.logs.LogFiles;
import org.recsys4j.features.logs.LogMapping;
import org.recsys4j.features.logs.LogPipeline;
import org.recsys4j.features.logs.PipelineReport;
import org.recsys4j.features.logs.StitchConfig;
import org.recsys4j.features.sim.FunnelSimulator;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.features.sim.SimulatorLogs;

/**
 * How fast does the file pipeline stitch, against merely reading the same files, and how much heap
 * does it hold?
 *
 * <p>Writes about {@code --exposures N} simulated exposures (default 10,000,000) over {@code --days
 * D} days (default 7) with their clicks and orders as TSV files (untimed), then, in one run:
 *
 * <ul>
 *   <li>{@code baseline_read_rows_per_s}: {@link LogPipeline#scan} parses every row of the three
 *       files into events, without stitching;
 *   <li>{@code stitch_rows_per_s}: {@link LogPipeline#run} reads the same files, stitches them day
 *       by day with histories of 20 clicks and writes the day files;
 *   <li>{@code peak_heap_mb}: the largest heap in use just after a garbage collection during the
 *       stitch (the live set, not the garbage between collections).
 * </ul>
 *
 * Both rates count exposure, click and order rows read per second of wall time; the {@code
 * _per_cpu_s} variants divide by the process's CPU time instead (all threads, GC included), which
 * varies less on a shared machine. Target: stitching at least 0.5 of the read rate, and a peak heap
 * that stays flat when {@code --days} doubles at the same exposures per day. Arguments: {@code
 * --exposures N}, {@code --days D}, {@code --dir PATH} (default a temporary directory, deleted at
 * the end), {@code --gzip} (gzip the logs).
 */
public final class StitchBench {
  /** Exposures a default-config user makes per day (measured: 547k a day for 20k users). */
  private static final double EXPOSURES_PER_USER_DAY = 27.35;

  private StitchBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    long exposures = 10_000_000L;
    int days = 7;
    Path dir = null;
    boolean gzip = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--exposures" -> exposures = Long.parseLong(args[++i]);
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--gzip" -> gzip = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    boolean temp = dir == null;
    if (temp) {
      dir = Files.createTempDirectory("stitch-bench");
    }
    int users = (int) Math.max(100, Math.round(exposures / (days * EXPOSURES_PER_USER_DAY)));
    FunnelSimulatorConfig config =
        FunnelSimulatorConfig.builder().numUsers(users).numDays(days).build();
    try {
      long t0 = System.nanoTime();
      LogFiles files = SimulatorLogs.write(new FunnelSimulator(config), dir.resolve("logs"), gzip);
      System.out.printf(
          Locale.ROOT,
          "  wrote logs of %d users x %d days in %.1f s (%s)%n",
          users,
          days,
          (System.nanoTime() - t0) / 1e9,
          dir.resolve("logs"));
      LogMapping mapping = SimulatorLogs.mapping(20);

      long r0 = System.nanoTime();
      long rc0 = processCpuNanos();
      PipelineReport scan = LogPipeline.scan(files, mapping);
      double readSeconds = (System.nanoTime() - r0) / 1e9;
      double readCpu = (processCpuNanos() - rc0) / 1e9;
      long rows = scan.exposuresRead() + scan.clicksRead() + scan.ordersRead();

      PeakLiveHeap peak = PeakLiveHeap.start();
      long s0 = System.nanoTime();
      long sc0 = processCpuNanos();
      PipelineReport report =
          LogPipeline.run(files, mapping, StitchConfig.defaults(), dir.resolve("out"));
      double stitchSeconds = (System.nanoTime() - s0) / 1e9;
      double stitchCpu = (processCpuNanos() - sc0) / 1e9;
      peak.stop();
      long stitched = report.exposuresRead() + report.clicksRead() + report.ordersRead();

      System.out.printf(
          Locale.ROOT,
          "  exposures=%d clicks=%d orders=%d rows_written=%d " + "day_files=%d gcs=%d%n",
          report.exposuresRead(),
          report.clicksRead(),
          report.ordersRead(),
          report.rowsWritten(),
          report.days().size(),
          peak.collections());
      System.out.printf(Locale.ROOT, "exposures=%d%n", report.exposuresRead());
      System.out.printf(Locale.ROOT, "baseline_read_rows_per_s=%.0f%n", rows / readSeconds);
      System.out.printf(Locale.ROOT, "stitch_rows_per_s=%.0f%n", stitched / stitchSeconds);
      System.out.printf(
          Locale.ROOT,
          "stitch_to_read_ratio=%.3f%n",
          (stitched / stitchSeconds) / (rows / readSeconds));
      System.out.printf(Locale.ROOT, "baseline_read_rows_per_cpu_s=%.0f%n", rows / readCpu);
      System.out.printf(Locale.ROOT, "stitch_rows_per_cpu_s=%.0f%n", stitched / stitchCpu);
      System.out.printf(
          Locale.ROOT,
          "stitch_to_read_cpu_ratio=%.3f%n",
          (stitched / stitchCpu) / (rows / readCpu));
      System.out.printf(Locale.ROOT, "peak_heap_mb=%.0f%n", peak.peakBytes() / 1e6);
    } finally {
      if (temp) {
        try (Stream<Path> walk = Files.walk(dir)) {
          List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
          for (Path p : all) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** CPU time of the whole process (all threads, GC and JIT included), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The largest heap in use right after a collection, from the collectors' notifications. */
  private static final class PeakLiveHeap implements NotificationListener {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final java.util.Set<String> heapPools = new java.util.HashSet<>();

    static PeakLiveHeap start() {
      PeakLiveHeap p = new PeakLiveHeap();
      for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == java.lang.management.MemoryType.HEAP) {
          p.heapPools.add(pool.getName());
        }
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter e) {
          e.addNotificationListener(p, null, null);
          p.emitters.add(e);
        }
      }
      return p;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long used = 0;
      for (java.util.Map.Entry<String, MemoryUsage> e :
          info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(e.getKey())) {
          used += e.getValue().getUsed();
        }
      }
      peak.accumulateAndGet(used, Math::max);
      collections.incrementAndGet();
    }

    void stop() {
      for (NotificationEmitter e : emitters) {
        try {
          e.removeNotificationListener(this);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // already removed
        }
      }
    }

    long peakBytes() {
      return peak.get();
    }

    long collections() {
      return collections.get();
    }
  }
}
