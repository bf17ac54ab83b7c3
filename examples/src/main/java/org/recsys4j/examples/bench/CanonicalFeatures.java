package org.recsys4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.features.fit.BoundaryFitter;
import org.recsys4j.features.fit.VocabularyFitter;

/**
 * The feature schema of a canonical data set, fitted on rows of its training file only.
 *
 * <ul>
 *   <li>{@code user_id} and every {@code c_<name>}: a vocabulary of the values seen at least {@code
 *       minCount} times (rarer values share the out-of-vocabulary id, missing values the missing
 *       id); a column with no such value is left out;
 *   <li>every {@code n_<name>}: bucketized at {@code numBuckets} quantiles (fewer where values
 *       tie), missing values in a bucket of their own; a column with no number is left out.
 * </ul>
 *
 * <p>Every feature has its own table of dim {@code embeddingDim} (the zoo stacks the id fields, so
 * they share one dim). Numbers are bucketized rather than normalised so that LR and FM, which read
 * ids only, see the same information as the deep models.
 */
final class CanonicalFeatures {
  private CanonicalFeatures() {}

  /**
   * Fits the schema on rows {@code [0, rows)} of {@code train}.
   *
   * @throws IllegalArgumentException if no column gives a feature
   */
  static FeatureSchema fit(
      CanonicalTable train, int rows, int embeddingDim, int minCount, int numBuckets) {
    List<CategoricalSpec> cats = new ArrayList<>();
    List<NumericSpec> nums = new ArrayList<>();
    for (String col : train.columns()) {
      if (col.startsWith("s_")) {
        continue; // sequences are SequenceBenchmark's, not features of the zoo's models
      }
      if (col.startsWith("n_")) {
        BoundaryFitter f = BoundaryFitter.of(numBuckets);
        for (int i = 0; i < rows; i++) {
          String v = train.value(i, col);
          if (!v.isEmpty()) {
            f.add(Double.parseDouble(v));
          }
        }
        if (f.count() > 0) {
          nums.add(
              NumericSpec.bucketized(col).boundaries(f.fit()).embeddingDim(embeddingDim).build());
        }
      } else {
        VocabularyFitter f = new VocabularyFitter();
        for (int i = 0; i < rows; i++) {
          f.add(train.value(i, col));
        }
        List<String> vocabulary = f.fit(minCount);
        if (!vocabulary.isEmpty()) {
          cats.add(
              CategoricalSpec.vocabulary(col)
                  .vocabulary(vocabulary)
                  .minCount(minCount)
                  .embeddingDim(embeddingDim)
                  .build());
        }
      }
    }
    return FeatureSchema.builder().addAll(cats).addAll(nums).build();
  }
}
