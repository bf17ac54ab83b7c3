package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.EncodedLayout;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.builder.ModelBuilder;
import org.recsys4j.models.builder.Ref;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.layers.structure.Flatten;
import org.recsys4j.models.spec.Head;
import org.recsys4j.models.spec.HeadOutput;
import org.recsys4j.models.spec.InputKind;
import org.recsys4j.models.spec.InputSpec;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.spec.TableDeclaration;
import org.recsys4j.models.zoo.DeepFm;
import org.recsys4j.models.zoo.FactorizationMachine;
import org.recsys4j.models.zoo.LogisticRegression;

/**
 * The fused path (plain Java) equals the SameDiff graph on every LR/FM-shaped spec: losses,
 * gradients (read as the change of one SGD step with learning rate 1), parameters after several
 * Adagrad/Adam steps, and predictions, within {@link #TOL}; and specs of any other shape stay on
 * the graph.
 */
@PropertyDefaults(tries = 25)
class FusedPathProperties {
  /** Absolute tolerance plus the same relative to the value: float rounding of two summations. */
  private static final double TOL = 1e-6;

  /** The spec shapes drawn. */
  enum Kind {
    /** Logistic regression (linear term with bias). */
    LR,
    /** Linear + FM cross (the zoo's FM). */
    FM,
    /** FM cross alone, a biased logit sum over it. */
    FM_ONLY_WITH_BIAS,
    /** Linear without bias + FM with its mask passed + the FM counted twice in the sum. */
    MASKED_DOUBLED,
    /** FM with a head of weight 0.7 learning only where a row-mask label is 1. */
    ROW_MASKED_HEAD
  }

  /** A drawn case: the spec's shape, its sizes and data. */
  record Case(
      Kind kind, int fields, int dim, int space, boolean sharedTable, int batch, long seed) {
    ModelSpec spec() {
      List<String> cols = new ArrayList<>();
      List<String> tabs = new ArrayList<>();
      List<TableDeclaration> decl = new ArrayList<>();
      for (int f = 0; f < fields; f++) {
        cols.add("c" + f);
        String t = sharedTable ? "t0" : "t" + f;
        tabs.add(t);
        if (f == 0 || !sharedTable) {
          decl.add(new TableDeclaration(t, space, dim, 0.3));
          decl.add(new TableDeclaration(t + "_w", space, 1, 0.2));
        }
      }
      InputSpec in = new InputSpec("ids", InputKind.IDS, fields, cols, tabs);
      ModelBuilder b = ModelBuilder.forInputs(List.of(in), decl).name("m" + kind).seed(seed);
      Ref w = kind == Kind.FM_ONLY_WITH_BIAS ? null : b.embed("ids", "ids_w", "_w").withoutMask();
      Ref emb = kind == Kind.LR ? null : b.embed("ids", "ids_emb", "");
      String label = "y";
      return switch (kind) {
        case LR -> b.head("ctr", b.apply(LinearTerm.of("lin"), w), label).build();
        case FM -> {
          Ref lin = b.apply(LinearTerm.of("lin"), w);
          Ref fm = b.apply(FmCross.of("fm"), emb.withoutMask());
          yield b.head("ctr", b.apply(LogitSum.of("logit", 2), lin, fm), label).build();
        }
        case FM_ONLY_WITH_BIAS -> {
          Ref fm = b.apply(FmCross.of("fm"), emb.withoutMask());
          Ref sum = b.apply(LogitSum.of("logit", 1).withBias(true), fm);
          yield b.head("ctr", sum, label).build();
        }
        case MASKED_DOUBLED -> {
          Ref lin = b.apply(LinearTerm.of("lin").withBias(false), w);
          Ref fm = b.apply(FmCross.of("fm"), emb);
          yield b.head("ctr", b.apply(LogitSum.of("logit", 3), lin, fm, fm), label).build();
        }
        case ROW_MASKED_HEAD -> {
          Ref lin = b.apply(LinearTerm.of("lin"), w);
          Ref fm = b.apply(FmCross.of("fm"), emb.withoutMask());
          Ref logit = b.apply(LogitSum.of("logit", 2), lin, fm);
          yield b.head(new Head("ctr", logit.name(), HeadOutput.LOGIT, label, 0.7, "m", 0.25))
              .build();
        }
      };
    }

    /** Batches of 1..batch examples: ids with padding and repeats, labels in [0,1], weights. */
    List<TrainingBatch> batches(int count) {
      SplittableRandom r = new SplittableRandom(seed);
      List<TrainingBatch> out = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        int n = 1 + r.nextInt(batch);
        int[] ids = new int[n * fields];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(space - 1);
        }
        Map<String, float[]> labels = new LinkedHashMap<>();
        float[] y = new float[n];
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
          y[i] = r.nextInt(3) == 0 ? (float) r.nextDouble() : r.nextInt(2);
          m[i] = r.nextInt(3) == 0 ? 0f : 1f;
        }
        labels.put("y", y);
        labels.put("m", m);
        TrainingBatch tb = TrainingBatch.of(TrainerFixtures.ids(n, ids), labels);
        if (r.nextBoolean()) {
          float[] w = new float[n];
          for (int i = 0; i < n; i++) {
            w[i] = (float) (0.1 + 2 * r.nextDouble());
          }
          tb = tb.withWeights(w);
        }
        out.add(tb);
      }
      return out;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(2, 12),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 6),
            Arbitraries.longs().between(0, 1000))
        .as(Case::new);
  }

  @Property
  void lossesAndParametersAfterStepsEqualTheGraph(@ForAll("cases") Case c) {
    TrainerConfig cfg =
        TrainerConfig.defaults()
            .withBatchSize(c.batch())
            .withTableOptimizer(new Optimizer.Adagrad(0.1, 1e-3, 1e-8, 0.01))
            .withDenseOptimizer(new Optimizer.Adam(0.05, 0.9, 0.999, 1e-3, 0))
            .withJavaThreads(2);
    try (Trainer fused = new Trainer(c.spec(), cfg);
        Trainer graph = new Trainer(c.spec(), cfg, false)) {
      assertThrows(IllegalStateException.class, fused::graphForInspection, "fused path taken");
      for (TrainingBatch b : c.batches(3)) {
        float lf = fused.fit(b);
        float lg = graph.fit(b);
        assertClose(lg, lf, "loss");
      }
      assertSameParameters(c, graph, fused);
      for (TrainingBatch b : c.batches(2)) {
        float[] pg = graph.predict(b.inputs(), "ctr");
        float[] pf = fused.predict(b.inputs(), "ctr");
        for (int i = 0; i < pg.length; i++) {
          assertClose(pg[i], pf[i], "prediction[" + i + "]");
        }
      }
    }
  }

  @Property
  void gradientsEqualTheGraph(@ForAll("cases") Case c) {
    // with SGD at learning rate 1, a parameter's change is minus its gradient
    TrainerConfig cfg =
        TrainerConfig.defaults()
            .withBatchSize(c.batch())
            .withTableOptimizer(new Optimizer.Sgd(1.0, 0))
            .withDenseOptimizer(new Optimizer.Sgd(1.0, 0))
            .withJavaThreads(1);
    try (Trainer fused = new Trainer(c.spec(), cfg);
        Trainer graph = new Trainer(c.spec(), cfg, false)) {
      TrainingBatch b = c.batches(1).get(0);
      Map<String, float[]> before = allRows(c, graph);
      Map<String, float[]> denseBefore = graph.denseParameters();
      assertClose(graph.fit(b), fused.fit(b), "loss");
      Map<String, float[]> g = allRows(c, graph);
      Map<String, float[]> f = allRows(c, fused);
      for (String k : before.keySet()) {
        for (int i = 0; i < before.get(k).length; i++) {
          assertClose(
              before.get(k)[i] - g.get(k)[i], before.get(k)[i] - f.get(k)[i], "grad " + k + i);
        }
      }
      for (String k : denseBefore.keySet()) {
        assertClose(
            denseBefore.get(k)[0] - graph.denseParameters().get(k)[0],
            denseBefore.get(k)[0] - fused.denseParameters().get(k)[0],
            "grad " + k);
      }
    }
  }

  @Property(tries = 10)
  void oneOrTwoJavaThreadsGiveBitIdenticalParameters(@ForAll("cases") Case c) {
    TrainerConfig cfg =
        TrainerConfig.defaults()
            .withBatchSize(c.batch())
            .withTableOptimizer(Optimizer.Adagrad.of(0.1));
    try (Trainer one = new Trainer(c.spec(), cfg.withJavaThreads(1));
        Trainer two = new Trainer(c.spec(), cfg.withJavaThreads(2))) {
      for (TrainingBatch b : c.batches(3)) {
        assertEquals(one.fit(b), two.fit(b));
      }
      Map<String, float[]> a = allRows(c, one);
      Map<String, float[]> b = allRows(c, two);
      for (String k : a.keySet()) {
        assertTrue(java.util.Arrays.equals(a.get(k), b.get(k)), k);
      }
    }
  }

  @Example
  void zooLrAndFmAreDetectedFromTheirSpecsAndDeepFmIsNot() {
    FeatureSchema.Builder sb = FeatureSchema.builder();
    for (String f : List.of("a", "b")) {
      sb.add(CategoricalSpec.hashed(f).space(20).embeddingDim(4).build());
    }
    FeatureSchema schema = sb.build();
    assertTrue(FusedShape.of(FactorizationMachine.of("y").build(schema)).isPresent());
    assertTrue(FusedShape.of(LogisticRegression.of("y").build(schema)).isPresent());
    assertFalse(FusedShape.of(new DeepFm("y", List.of(8), 1.0, 1).build(schema)).isPresent());
    // an MLP after the FM, or an unused FM node, keeps the graph
    ModelBuilder b = ModelBuilder.forSchema(schema);
    Ref emb = b.embed(EncodedLayout.IDS);
    Ref fm = b.apply(FmCross.of("fm"), emb.withoutMask());
    b.apply(Flatten.of("flat"), emb.withoutMask());
    assertFalse(FusedShape.of(b.head("ctr", fm, "y").build()).isPresent(), "unused node");
    ModelBuilder b2 = ModelBuilder.forSchema(schema);
    Ref fm2 = b2.apply(FmCross.of("fm"), b2.embed(EncodedLayout.IDS).withoutMask());
    Ref deep = b2.apply(Mlp.of("deep", 1), fm2);
    assertFalse(FusedShape.of(b2.head("ctr", deep, "y").build()).isPresent(), "MLP on top");
  }

  @Example
  void aNonFiniteStepChangesNothingOnTheFusedPath() {
    Case c = new Case(Kind.FM, 3, 2, 6, false, 4, 3);
    TrainerConfig cfg =
        TrainerConfig.defaults()
            .withBatchSize(4)
            .withTableOptimizer(new Optimizer.Sgd(1e30, 0))
            .withDenseOptimizer(new Optimizer.Sgd(1e30, 0));
    try (Trainer t = new Trainer(c.spec(), cfg)) {
      IllegalStateException failure = null;
      for (TrainingBatch b : c.batches(20)) {
        Map<String, float[]> before = allRows(c, t);
        Map<String, float[]> dense = t.denseParameters();
        long used = t.table("t0").usedRows();
        try {
          t.fit(b);
        } catch (IllegalStateException e) {
          failure = e;
          Map<String, float[]> after = allRows(c, t);
          for (String k : before.keySet()) {
            assertTrue(java.util.Arrays.equals(before.get(k), after.get(k)), k);
          }
          assertEquals(dense.keySet(), t.denseParameters().keySet());
          for (String k : dense.keySet()) {
            assertTrue(java.util.Arrays.equals(dense.get(k), t.denseParameters().get(k)), k);
          }
          assertEquals(used, t.table("t0").usedRows(), "no row was initialised");
          break;
        }
      }
      assertTrue(failure != null, "a learning rate of 1e30 must end in a non-finite step");
      assertTrue(failure.getMessage().contains("no parameter was changed"), failure.getMessage());
    }
  }

  private static Map<String, float[]> allRows(Case c, Trainer t) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String name : t.tables().keySet()) {
      SparseTable tab = t.table(name);
      for (int id = 0; id < tab.numRows(); id++) {
        out.put(name + "[" + id + "]", tab.row(id));
      }
    }
    return out;
  }

  private static void assertSameParameters(Case c, Trainer expected, Trainer actual) {
    Map<String, float[]> e = allRows(c, expected);
    Map<String, float[]> a = allRows(c, actual);
    for (String k : e.keySet()) {
      for (int i = 0; i < e.get(k).length; i++) {
        assertClose(e.get(k)[i], a.get(k)[i], k + "[" + i + "]");
      }
    }
    Map<String, float[]> ed = expected.denseParameters();
    Map<String, float[]> ad = actual.denseParameters();
    assertEquals(ed.keySet(), ad.keySet(), "dense parameter names");
    for (String k : ed.keySet()) {
      for (int i = 0; i < ed.get(k).length; i++) {
        assertClose(ed.get(k)[i], ad.get(k)[i], k + "[" + i + "]");
      }
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    double tol = TOL * (1 + Math.abs(expected));
    assertTrue(
        Math.abs(expected - actual) <= tol,
        what + ": fused " + actual + " vs graph " + expected + " (tolerance " + tol + ")");
  }
}
