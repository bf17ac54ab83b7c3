package org.recsys4j.core.nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 7, defect 16: shows that {@link NativeThreads#set(int)} takes effect at run time. Times
 * three workloads with ND4J's default native thread count and with one thread, in alternating
 * blocks (so drift in a shared machine's speed hits both alike), while another thread spins on a
 * core as a busy neighbour process would, and prints the median of each and the ratio default/one.
 *
 * <p>Workloads: {@code gemm}, 50 products [256,128]x[128,128] (OpenBLAS); {@code elementwise}, 100
 * products of two [256,208] arrays (libnd4j ops); {@code samediff}, 20 forward-and-backward passes
 * of a logistic regression over a [1024,416] batch (the trainer's kind of step).
 *
 * <p>Not a surefire test (surefire sets {@code OMP_NUM_THREADS=1}, which leaves nothing to
 * compare). Run, from the repository root, without {@code OMP_NUM_THREADS} set:
 *
 * <pre>
 * mvn -o -q -B test-compile -pl recsys-core -am
 * mvn -o -q -B -pl recsys-core exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recsys4j.core.nd4j.NativeThreadsBench [-Dexec.args=--no-spin]
 * </pre>
 *
 * Prints {@code default_threads}, then {@code <workload>_ms_default}, {@code <workload>_ms_one} and
 * {@code <workload>_ratio_default_over_one} for each workload.
 */
public final class NativeThreadsBench {
  private static final int BLOCKS = 8;
  private static final int WARMUP_BLOCKS = 1;
  private static volatile long sink;

  private NativeThreadsBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --no-spin} to run without the busy neighbour thread
   */
  public static void main(String[] args) throws InterruptedException {
    boolean spin = !List.of(args).contains("--no-spin");
    NativeThreadCounts defaults = NativeThreads.current();
    NativeThreadCounts one = new NativeThreadCounts(1, 1);
    Map<String, Runnable> workloads = workloads();
    Map<String, List<Double>> msDefault = new java.util.LinkedHashMap<>();
    Map<String, List<Double>> msOne = new java.util.LinkedHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread spinner =
        new Thread(
            () -> {
              long c = 0;
              while (!stop.get()) {
                c++;
              }
              sink = c;
            },
            "busy-neighbour");
    if (spin) {
      spinner.setDaemon(true);
      spinner.start();
    }
    try {
      for (int block = 0; block < BLOCKS; block++) {
        for (NativeThreadCounts setting : List.of(defaults, one)) {
          NativeThreads.set(setting);
          for (Map.Entry<String, Runnable> w : workloads.entrySet()) {
            long t0 = System.nanoTime();
            w.getValue().run();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (block >= WARMUP_BLOCKS) {
              (setting == one ? msOne : msDefault)
                  .computeIfAbsent(w.getKey(), k -> new ArrayList<>())
                  .add(ms);
            }
          }
        }
      }
    } finally {
      stop.set(true);
      NativeThreads.set(defaults);
    }
    spinner.join();
    System.out.println("busy_neighbour=" + spin);
    System.out.println("default_threads=" + defaults.ops() + "/" + defaults.blas());
    for (String name : workloads.keySet()) {
      double d = median(msDefault.get(name));
      double o = median(msOne.get(name));
      System.out.printf(Locale.ROOT, "%s_ms_default=%.1f%n", name, d);
      System.out.printf(Locale.ROOT, "%s_ms_one=%.1f%n", name, o);
      System.out.printf(Locale.ROOT, "%s_ratio_default_over_one=%.2f%n", name, d / o);
    }
  }

  private static Map<String, Runnable> workloads() {
    INDArray a = Nd4j.rand(DataType.FLOAT, 256, 128);
    INDArray b = Nd4j.rand(DataType.FLOAT, 128, 128);
    INDArray ab = Nd4j.create(DataType.FLOAT, 256, 128);
    INDArray x = Nd4j.rand(DataType.FLOAT, 256, 208);
    INDArray y = Nd4j.rand(DataType.FLOAT, 256, 208);
    INDArray xy = Nd4j.create(DataType.FLOAT, 256, 208);
    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 416);
    SDVariable label = sd.placeHolder("y", DataType.FLOAT, -1, 1);
    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 416, 1).subi(0.5).muli(0.1));
    SDVariable bias = sd.var("b", Nd4j.zeros(DataType.FLOAT, 1));
    sd.setLossVariables(sd.loss.sigmoidCrossEntropy("loss", label, in.mmul(w).add(bias), null));
    Nd4jConsole.runQuietly(sd::createGradFunction);
    Map<String, INDArray> batch =
        Map.of(
            "x",
            Nd4j.rand(DataType.FLOAT, 1024, 416),
            "y",
            Nd4j.rand(DataType.FLOAT, 1024, 1).gt(0.5).castTo(DataType.FLOAT));
    Map<String, Runnable> out = new java.util.LinkedHashMap<>();
    out.put(
        "gemm",
        () -> {
          for (int i = 0; i < 50; i++) {
            Nd4j.gemm(a, b, ab, false, false, 1.0, 0.0);
          }
        });
    out.put(
        "elementwise",
        () -> {
          for (int i = 0; i < 100; i++) {
            x.mul(y, xy);
          }
        });
    out.put(
        "samediff",
        () -> {
          for (int i = 0; i < 20; i++) {
            sd.calculateGradients(batch, "w", "b");
          }
        });
    return out;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
