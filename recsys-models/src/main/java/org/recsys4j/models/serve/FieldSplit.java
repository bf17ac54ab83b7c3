package org.recsys4j.models.serve;

import java.util.Set;
import java.util.TreeSet;
import org.recsys4j.core.Check;

/**
 * Which features of a model's inputs come from the user side of a {@link ScoringRequest} (given
 * once, broadcast to every candidate); every other feature comes from the candidates.
 *
 * <p>A name is either a column of an {@code IDS} or {@code NUMERIC} input (the feature names of
 * {@link org.recsys4j.models.spec.InputSpec#columns()}, e.g. {@code user_id} in {@code "ids"}: an
 * ids input whose columns mix user and item fields is split column by column), or a whole input's
 * name (a sequence such as the click history, a bag, or an input all of whose columns are the
 * user's). Names are checked against the model when a {@link ScoringModel} is built.
 *
 * @param userFeatures the user-side column and input names
 */
public record FieldSplit(Set<String> userFeatures) {
  /** No user side: every input comes from the candidates (plain batch scoring). */
  public static final FieldSplit NONE = new FieldSplit(Set.of());

  /** Validates and copies (sorted, for stable messages). */
  public FieldSplit {
    Check.notNull("split.userFeatures", userFeatures);
    for (String f : userFeatures) {
      Check.arg(
          f != null && !f.isBlank(),
          "split.userFeatures",
          userFeatures,
          "must not hold " + "blank names");
    }
    userFeatures = java.util.Collections.unmodifiableSet(new TreeSet<>(userFeatures));
  }

  /** A split whose user side is {@code names}. */
  public static FieldSplit userSide(String... names) {
    return new FieldSplit(Set.of(names));
  }

  /** True if {@code name} (a column or an input) is on the user side. */
  public boolean isUser(String name) {
    return userFeatures.contains(name);
  }
}
