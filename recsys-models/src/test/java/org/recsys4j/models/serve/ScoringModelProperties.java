package org.recsys4j.models.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.spec.ModelSpec;

/**
 * The scorer equals {@code Trainer.predict} on the same parameters, on both paths, for requests (1
 * user x N candidates, user side broadcast) and plain batches, with padding, fully padded histories
 * and ids never seen in training.
 */
@PropertyDefaults(tries = 10)
class ScoringModelProperties {
  /** Float scores of two computations of one sigmoid: both paths stay well inside this. */
  private static final double TOLERANCE = 1e-6;

  @Provide
  Arbitrary<String> models() {
    return Arbitraries.of(ServeFixtures.MODELS);
  }

  @Property(tries = 12)
  void aRequestScoresAsTrainerPredictOnItsBroadcastRowsForEveryModel(
      @ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
    for (String model : ServeFixtures.MODELS) {
      aRequestScoresAsTrainerPredict(model, n, seed);
    }
  }

  private static void aRequestScoresAsTrainerPredict(String model, int n, long seed) {
    ServeFixtures.Trained t = ServeFixtures.trained(model);
    ModelSpec spec = t.snapshot().spec();
    ScoringRequest request = ServeFixtures.request(spec, n, new SplittableRandom(seed));
    EncodedBatch rows = ServeFixtures.broadcast(spec, request);
    Map<String, float[]> expected = t.trainer().predict(rows);
    ScoringModel auto = ScoringModel.of(t.snapshot(), ServeFixtures.SPLIT, "v1");
    ScoringModel graph =
        ScoringModel.of(t.snapshot(), ServeFixtures.SPLIT, "v1", ScoringPath.GRAPH);
    for (ScoringModel m : new ScoringModel[] {auto, graph}) {
      assertClose(expected, m.score(request).probabilities(), m + " request");
      assertClose(expected, m.score(rows).probabilities(), m + " batch");
    }
  }

  @Property
  void aPlainBatchScoresAsTrainerPredict(
      @ForAll("models") String model,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll long seed) {
    ServeFixtures.Trained t = ServeFixtures.trained(model);
    EncodedBatch rows =
        ServeFixtures.rows(t.snapshot().spec(), n, new SplittableRandom(seed), false);
    Map<String, float[]> expected = t.trainer().predict(rows);
    ScoringModel m = ScoringModel.of(t.snapshot(), FieldSplit.NONE, "v1");
    assertClose(expected, m.score(rows).probabilities(), m.toString());
  }

  static void assertClose(Map<String, float[]> expected, Map<String, float[]> got, String what) {
    assertEquals(expected.keySet(), got.keySet(), what);
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      float[] g = got.get(e.getKey());
      assertEquals(e.getValue().length, g.length, what);
      for (int i = 0; i < g.length; i++) {
        assertEquals(e.getValue()[i], g[i], TOLERANCE, what + " " + e.getKey() + "[" + i + "]");
      }
    }
  }
}
