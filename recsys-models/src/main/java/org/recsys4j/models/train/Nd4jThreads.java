package org.recsys4j.models.train;

import org.nd4j.linalg.factory.Nd4j;

/** Temporary: sets ND4J's native thread count (replaced by the core utility). */
final class Nd4jThreads {
  private Nd4jThreads() {}

  static void set(int n) {
    Nd4j.getEnvironment().setMaxMasterThreads(n);
  }
}
