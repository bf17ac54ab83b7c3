package org.recsys4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.FeatureSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.eval.Auc;
import org.recsys4j.models.layers.sequence.AttentionNormalization;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.zoo.Dien;
import org.recsys4j.models.zoo.Din;

/**
 * DIN and DIEN in {@link ZooBenchmark}, on a canonical table with a candidate item {@code
 * c_item_id}, its genre {@code c_genre} and the user's histories (MovieLens 100K: {@code s_item}
 * the strictly earlier rated movies, {@code s_liked} those rated 4 or more, {@code s_genre} the
 * primary genres aligned with {@code s_item}; most recent last, at most 50).
 *
 * <p>Schema: the zoo's fitted schema (which has no {@code s_*} columns) with {@code c_item_id} and
 * {@code c_genre} hashed into their tables instead of their vocabularies, shared by the sequences
 * ({@value #MAX_LEN} steps, hashed alike: {@code s_item} and {@code s_liked} on the item table,
 * {@code s_genre} on the genre table), so a movie has one embedding as candidate and as history
 * step. DIN scores the liked and the rated histories against the candidate and the genre history
 * against its genre; DIEN runs its GRU, AUGRU and auxiliary loss over the liked history. Protocol
 * and optimizers as the zoo's deep models (epochs chosen on the validation slice, then refit on all
 * of train and test scored once).
 */
final class SequenceBenchmark {
  static final String ITEM = "c_item_id";
  static final String GENRE = "c_genre";
  static final String HISTORY = "s_item";
  static final String LIKED = "s_liked";
  static final String GENRES = "s_genre";
  static final int ITEM_SPACE = 1 << 14;
  static final int GENRE_SPACE = 1 << 8;
  static final int MAX_LEN = 50;

  private SequenceBenchmark() {}

  /** True when the table has the candidate item, its genre and the histories. */
  static boolean applies(CanonicalTable t) {
    return t.columns().containsAll(List.of(ITEM, GENRE, HISTORY, LIKED, GENRES));
  }

  /** The zoo's schema with the item, the genre and their histories sharing hashed tables. */
  static FeatureSchema schema(FeatureSchema fitted, int dim) {
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (FeatureSpec f : fitted.features()) {
      if (!f.name().startsWith("s_") && !f.name().equals(ITEM) && !f.name().equals(GENRE)) {
        b.add(f);
      }
    }
    b.add(CategoricalSpec.hashed(ITEM).space(ITEM_SPACE).embeddingDim(dim).build());
    b.add(CategoricalSpec.hashed(GENRE).space(GENRE_SPACE).embeddingDim(dim).build());
    for (String h : List.of(HISTORY, LIKED, GENRES)) {
      boolean genre = h.equals(GENRES);
      b.add(
          SequenceSpec.builder(h)
              .space(genre ? GENRE_SPACE : ITEM_SPACE)
              .maxLen(MAX_LEN)
              .table(genre ? GENRE : ITEM)
              .embeddingDim(dim)
              .build());
    }
    return b.build();
  }

  /** DIN and DIEN with the zoo's deep optimizers and tower. */
  static List<ZooBenchSettings.Run> runs() {
    List<Integer> tower = List.of(256, 128);
    List<Integer> att = List.of(36);
    double keep = 0.8;
    long seed = ZooBenchSettings.SEED;
    var tables = ZooBenchSettings.adagrad(0.01, 0);
    var dense = ZooBenchSettings.adam(0.001, 1e-4);
    return List.of(
        new ZooBenchSettings.Run(
            new Din(
                "click",
                List.of(LIKED, HISTORY, GENRES),
                List.of(ITEM, ITEM, GENRE),
                att,
                AttentionNormalization.SOFTMAX,
                tower,
                keep,
                seed,
                false),
            tables,
            dense),
        new ZooBenchSettings.Run(
            new Dien("click", LIKED, ITEM, att, tower, keep, 1.0, seed), tables, dense));
  }

  /**
   * Runs DIN and DIEN (those in {@code only}, or both) and returns their figures: {@code
   * <dataset>_<model>_auc=} (and {@code _val_auc=}, {@code _epochs=} when {@code validationOnly}).
   */
  static List<String> run(
      ZooBenchSettings s,
      CanonicalTable train,
      CanonicalTable test,
      int fitRows,
      FeatureSchema fitSchema,
      FeatureSchema fullSchema,
      List<String> only,
      boolean validationOnly) {
    List<String> figures = new ArrayList<>();
    if (!applies(train)) {
      return figures;
    }
    FeatureSchema fitSeq = schema(fitSchema, s.embeddingDim());
    FeatureSchema fullSeq = schema(fullSchema, s.embeddingDim());
    int b = s.batchSize();
    ZooBenchmark.Split fit =
        ZooBenchmark.Split.of(
            fitSeq, train, 0, fitRows, b, new SplittableRandom(ZooBenchSettings.SEED + 1));
    ZooBenchmark.Split validation =
        ZooBenchmark.Split.of(fitSeq, train, fitRows, train.size(), b, null);
    for (ZooBenchSettings.Run run : runs()) {
      String name = run.model().name();
      if (only != null && !only.contains(name)) {
        continue;
      }
      String key = s.dataset() + "_" + name;
      List<String> curve = new ArrayList<>();
      int best = 0;
      double bestAuc = 0;
      try (Trainer t = new Trainer(run.model().build(fitSeq), run.config(b))) {
        SplittableRandom order = new SplittableRandom(ZooBenchSettings.SEED);
        for (int e = 1; e <= s.maxEpochs() && e - best <= s.patience(); e++) {
          fit.trainEpoch(t, order);
          double auc = Auc.exact(validation.predict(t), validation.intLabels());
          curve.add(String.format(Locale.ROOT, "%.4f", auc));
          if (best == 0 || auc > bestAuc) {
            best = e;
            bestAuc = auc;
          }
        }
      }
      if (validationOnly) {
        System.out.printf(
            Locale.ROOT, "  %-10s validation AUC by epoch %s, best epoch %d%n", name, curve, best);
        figures.add(String.format(Locale.ROOT, "%s_val_auc=%.4f", key, bestAuc));
        figures.add(String.format(Locale.ROOT, "%s_epochs=%d", key, best));
        continue;
      }
      ZooBenchmark.Split all =
          ZooBenchmark.Split.of(
              fullSeq, train, 0, train.size(), b, new SplittableRandom(ZooBenchSettings.SEED + 1));
      ZooBenchmark.Split scored = ZooBenchmark.Split.of(fullSeq, test, 0, test.size(), b, null);
      double auc;
      try (Trainer t = new Trainer(run.model().build(fullSeq), run.config(b))) {
        SplittableRandom order = new SplittableRandom(ZooBenchSettings.SEED);
        for (int e = 1; e <= best; e++) {
          all.trainEpoch(t, order);
        }
        auc = Auc.exact(scored.predict(t), scored.intLabels());
      }
      System.out.printf(
          Locale.ROOT,
          "  %-10s validation AUC by epoch %s, epochs %d; test AUC %.4f%n",
          name,
          curve,
          best,
          auc);
      figures.add(String.format(Locale.ROOT, "%s_auc=%.4f", key, auc));
    }
    return figures;
  }
}
