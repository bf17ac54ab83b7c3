package org.recsys4j.features.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.spec.*;

/**
 * Counts raw values to fit the vocabulary of a {@link CategoricalSpec} with {@link
 * CategoricalEncoding#VOCABULARY}.
 *
 * <p>{@link #fit(int)} keeps the values seen at least {@code minCount} times, most frequent first,
 * ties by natural string order, so the result is deterministic. Null and empty values (missing) are
 * skipped and counted. Holds one counter per distinct value; not thread-safe.
 */
public final class VocabularyFitter {
  private final Map<String, Long> counts = new HashMap<>();
  private long skipped;

  /** An empty fitter. */
  public VocabularyFitter() {}

  /** Counts a value; null or empty is skipped and counted. */
  public VocabularyFitter add(String value) {
    if (value == null || value.isEmpty()) {
      skipped++;
    } else {
      counts.merge(value, 1L, Long::sum);
    }
    return this;
  }

  /** Number of null or empty values skipped. */
  public long skipped() {
    return skipped;
  }

  /**
   * The vocabulary: values with count {@code >= minCount}, by count descending then value.
   *
   * @throws IllegalArgumentException if {@code minCount < 1}
   */
  public List<String> fit(int minCount) {
    Check.positive("vocabularyFitter.minCount", minCount);
    List<Map.Entry<String, Long>> kept = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() >= minCount) {
        kept.add(e);
      }
    }
    kept.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> out = new ArrayList<>(kept.size());
    kept.forEach(e -> out.add(e.getKey()));
    return List.copyOf(out);
  }
}
