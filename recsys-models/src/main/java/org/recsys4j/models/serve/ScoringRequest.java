package org.recsys4j.models.serve;

import java.util.Map;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;

/**
 * One user against N candidates: the user's inputs once ({@code user}, one row) and the candidates'
 * inputs ({@code candidates}, N rows), both laid out like the model's inputs (e.g. by the {@code
 * FeatureEncoder}). The model's {@link FieldSplit} says which columns are read from which batch;
 * the other side's columns are ignored, so each side may be encoded from a row holding only its own
 * features. A side need not hold an input none of whose columns it supplies.
 *
 * @param user the user's inputs, exactly one row
 * @param candidates the candidates' inputs, N rows
 */
public record ScoringRequest(EncodedBatch user, EncodedBatch candidates) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a batch is null or the user batch has more than one row
   */
  public ScoringRequest {
    Check.notNull("request.user", user);
    Check.notNull("request.candidates", candidates);
    Check.arg(
        user.size() == 1,
        "request.user.size",
        user.size(),
        "must be 1 (the user's inputs are given once and broadcast to every candidate)");
  }

  /**
   * A request whose candidates are given as arrays of {@code numCandidates} rows.
   *
   * @throws IllegalArgumentException naming the rule when {@code numCandidates < 1}: a request
   *     scores at least one candidate
   */
  public static ScoringRequest of(
      EncodedBatch user, int numCandidates, Map<String, int[]> ints, Map<String, float[]> floats) {
    Check.arg(
        numCandidates >= 1,
        "request.candidates.size",
        numCandidates,
        "must be >= 1: a request scores at least one candidate");
    return new ScoringRequest(user, EncodedBatch.of(numCandidates, ints, floats));
  }

  /** N, the number of candidates. */
  public int size() {
    return candidates.size();
  }
}
