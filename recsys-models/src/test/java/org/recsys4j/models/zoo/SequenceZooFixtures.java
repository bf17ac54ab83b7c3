package org.recsys4j.models.zoo;

import java.util.List;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.FeatureSchema;

/** The small sequence world of {@link SequenceZooTest}, for tests in other packages. */
public final class SequenceZooFixtures {
  private SequenceZooFixtures() {}

  /** Users, items, categories and a 5-step item history sharing the item table. */
  public static FeatureSchema schema() {
    return SequenceZooTest.schema();
  }

  /** seq_mean, DIN and DIEN at small sizes. */
  public static List<ZooModel> models() {
    return SequenceZooTest.models();
  }

  /** A batch of {@code n} examples; clicks are likely when the candidate is in the history. */
  public static TrainingBatch batch(int n, long seed) {
    return SequenceZooTest.batch(n, seed);
  }
}
