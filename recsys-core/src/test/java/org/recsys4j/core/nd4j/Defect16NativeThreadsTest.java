package org.recsys4j.core.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 7, defect 16: ND4J's default native thread count made epochs 40-100 times slower on a
 * shared 2-core machine. {@link NativeThreads} sets the count at run time; these tests check that
 * the setting reaches ND4J (read back from ND4J itself) and is restored. The timing evidence is
 * {@link NativeThreadsBench}, which needs a JVM without {@code OMP_NUM_THREADS} (surefire sets it
 * to 1, so here the pool holds one thread).
 */
class Defect16NativeThreadsTest {
  @Test
  void setReachesNd4jAndReturnsThePreviousCountsForRestoring() {
    NativeThreadCounts before = NativeThreads.current();
    assertEquals(Nd4j.getEnvironment().maxMasterThreads(), before.ops());
    assertEquals(Nd4j.factory().blas().getMaxThreads(), before.blas());
    try {
      NativeThreadCounts previous = NativeThreads.set(new NativeThreadCounts(1, 2));
      assertEquals(before, previous);
      assertEquals(new NativeThreadCounts(1, 2), NativeThreads.current());
      assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
      assertEquals(2, Nd4j.factory().blas().getMaxThreads());

      assertEquals(new NativeThreadCounts(1, 2), NativeThreads.set(1));
      assertEquals(new NativeThreadCounts(1, 1), NativeThreads.current());
      assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    } finally {
      NativeThreads.set(before);
    }
    assertEquals(before, NativeThreads.current());
  }

  @Test
  void moreOpThreadsThanThePoolIsRejectedWithTheWayToRaiseIt() {
    int pool = NativeThreads.available();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NativeThreads.set(pool + 1));
    assertEquals(
        "nativeThreads.ops="
            + (pool + 1)
            + " must be <= "
            + pool
            + ", the native pool size fixed at start-up (set OMP_NUM_THREADS before the JVM"
            + " starts to change it)",
        e.getMessage());
  }

  @Test
  void countsAreValidated() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NativeThreads.set(0));
    assertEquals("nativeThreads.ops=0 must be > 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new NativeThreadCounts(1, -1));
    assertEquals("nativeThreads.blas=-1 must be > 0", e.getMessage());
  }
}
