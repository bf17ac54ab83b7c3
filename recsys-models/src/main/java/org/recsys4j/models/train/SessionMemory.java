package org.recsys4j.models.train;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps SameDiff's per-thread sessions from hoarding native memory.
 *
 * <p>SameDiff 1.0.0-M2.1 gives each session an {@link ArrayCacheMemoryMgr} that keeps released
 * intermediate arrays for reuse, up to a quarter of JavaCPP's {@code maxBytes} (2 GB under {@code
 * -Xmx8g}); arrays it does not cache wait for the garbage collector, which a small Java heap runs
 * too rarely. Measured with {@code bench.MemoryBench}, the process grew from 1.4 GB to 4 GB over
 * 1,000 FM steps. With the cache off, the session closes each intermediate array as soon as its
 * last consumer has run, and memory stays flat. Public for the scorer's inference graphs ({@code
 * models.serve}), which run the same way.
 */
public final class SessionMemory {
  private SessionMemory() {}

  /**
   * Turns off the array cache of every session of {@code sd} and of its gradient function, if it
   * has one; call after a graph has run (sessions are created lazily, one per thread). Cheap: a
   * look at each session's memory manager.
   *
   * @return the number of sessions now known
   */
  public static int bound(SameDiff sd) {
    int n = bound(sd.getSessions());
    SameDiff grad = sd.getFunction("grad");
    if (grad != null) {
      n += bound(grad.getSessions());
    }
    return n;
  }

  /**
   * Closes the intermediate arrays that the sessions of {@code sd} (and of its gradient function)
   * still hold after a run, except arrays that share memory with a variable, constant or
   * placeholder of either graph; call once the run's results have been copied out.
   */
  public static void freeIntermediates(SameDiff sd, java.util.Collection<INDArray> keep) {
    java.util.Set<Long> protectedBuffers = new java.util.HashSet<>();
    for (INDArray a : keep) {
      protectedBuffers.add(address(a));
    }
    SameDiff grad = sd.getFunction("grad");
    for (SameDiff g : grad == null ? java.util.List.of(sd) : java.util.List.of(sd, grad)) {
      for (org.nd4j.autodiff.samediff.SDVariable v : g.variables()) {
        if (v.getVariableType() != org.nd4j.autodiff.samediff.VariableType.ARRAY
            && v.getArr() != null) {
          protectedBuffers.add(address(v.getArr()));
        }
      }
    }
    for (SameDiff g : grad == null ? java.util.List.of(sd) : java.util.List.of(sd, grad)) {
      for (InferenceSession s : g.getSessions().values()) {
        for (org.nd4j.autodiff.samediff.config.SDValue v : s.getNodeValueOutputs().values()) {
          INDArray a = v == null ? null : v.getTensorValue();
          if (a != null
              && a.closeable()
              && !a.wasClosed()
              && !protectedBuffers.contains(address(a))) {
            a.close();
          }
        }
      }
    }
  }

  private static long address(INDArray a) {
    return a.data().originalDataBuffer() == null
        ? a.data().address()
        : a.data().originalDataBuffer().address();
  }

  private static int bound(Map<Long, InferenceSession> sessions) {
    for (InferenceSession s : sessions.values()) {
      SessionMemMgr m = s.getMmgr();
      if (m instanceof ArrayCacheMemoryMgr cache && cache.isEnableCache()) {
        cache.setEnableCache(false);
      }
    }
    return sessions.size();
  }
}
