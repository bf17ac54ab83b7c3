package org.recsys4j.models.serve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recsys4j.core.Check;

/**
 * A scoring response: every head's probabilities, one per candidate (or batch row), and the version
 * of the model that computed them (so a caller can tell which version served it during a swap).
 *
 * @param version the {@link ScoringModel#version()} that produced the scores
 * @param probabilities probabilities by head name, each of length N
 */
public record Scores(String version, Map<String, float[]> probabilities) {
  /**
   * Validates and copies the map (not the arrays, which the scorer allocated for this response).
   */
  public Scores {
    Check.notNull("scores.version", version);
    probabilities =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Check.notNull("scores.probabilities", probabilities)));
  }

  /**
   * The probabilities of head {@code head}.
   *
   * @throws IllegalArgumentException if the model has no such head
   */
  public float[] head(String head) {
    float[] p = probabilities.get(head);
    Check.arg(p != null, "head", head, "must be one of " + probabilities.keySet());
    return p;
  }

  /** N, the number of scored rows. */
  public int size() {
    return probabilities.values().iterator().next().length;
  }
}
