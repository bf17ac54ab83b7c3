package org.recsys4j.models.train;

/** Temporary: runs an action that makes ND4J print (replaced by the core utility). */
final class QuietNd4j {
  private QuietNd4j() {}

  static void run(Runnable r) {
    r.run();
  }
}
