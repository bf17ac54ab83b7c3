package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.zoo.SequenceZooFixtures;
import org.recsys4j.models.zoo.ZooModel;

/**
 * Training with host kernels ({@link org.recsys4j.models.layers.host.HostLayer}) gives what
 * training everything in the graph ({@link Trainer#onGraph}) gives: the same losses step by step,
 * the same dense parameters, state variables and table rows after some steps, for every sequence
 * model.
 */
class HostPathTest {

  @Test
  void hostKernelsTrainAsTheGraphDoes() {
    for (ZooModel m : SequenceZooFixtures.models()) {
      ModelSpec spec = m.build(SequenceZooFixtures.schema());
      TrainerConfig config = TrainerConfig.defaults().withBatchSize(32);
      ModelGraph g = ModelGraph.trainingWithHostNodes(spec, 32, DataType.FLOAT);
      if (m.name().equals("seq_mean")) {
        assertTrue(g.hostNodes().isEmpty(), "seq_mean has no host layer");
        continue;
      }
      assertFalse(g.hostNodes().isEmpty(), m.name() + " must have host nodes");
      try (Trainer host = new Trainer(spec, config);
          Trainer graph = Trainer.onGraph(spec, config)) {
        for (int s = 0; s < 8; s++) {
          TrainingBatch b = SequenceZooFixtures.batch(s == 7 ? 20 : 32, s);
          float lh = host.fit(b);
          float lg = graph.fit(b);
          assertEquals(lg, lh, 1e-4 * (1 + Math.abs(lg)), m.name() + " loss at step " + s);
        }
        Map<String, Tensor> a = host.snapshot().dense();
        Map<String, Tensor> e = graph.snapshot().dense();
        assertEquals(e.keySet(), a.keySet(), m.name());
        for (String k : e.keySet()) {
          assertClose(e.get(k).values(), a.get(k).values(), m.name() + " " + k);
        }
        for (String t : graph.tables().keySet()) {
          assertClose(
              graph.snapshot().table(t).values(),
              host.snapshot().table(t).values(),
              m.name() + " table " + t);
        }
        float[] ph = host.predict(SequenceZooFixtures.batch(40, 99).inputs(), "ctr");
        float[] pg = graph.predict(SequenceZooFixtures.batch(40, 99).inputs(), "ctr");
        assertClose(pg, ph, m.name() + " predictions");
      }
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / (1 + Math.abs(expected[i])));
    }
    assertTrue(worst < 2e-4, what + ": worst relative difference " + worst);
  }
}
