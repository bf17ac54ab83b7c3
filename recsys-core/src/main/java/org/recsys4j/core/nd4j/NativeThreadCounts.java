package org.recsys4j.core.nd4j;

import org.recsys4j.core.Check;

/**
 * ND4J's native thread counts, as read or set by {@link NativeThreads}.
 *
 * @param ops threads libnd4j splits one op over ({@code Environment.maxMasterThreads}), at least 1
 * @param blas OpenBLAS threads for one matrix product ({@code Blas.getMaxThreads}), at least 1
 */
public record NativeThreadCounts(int ops, int blas) {
  /** Validates. */
  public NativeThreadCounts {
    Check.positive("nativeThreads.ops", ops);
    Check.positive("nativeThreads.blas", blas);
  }
}
