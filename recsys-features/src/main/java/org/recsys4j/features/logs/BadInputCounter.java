package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.recsys4j.features.io.ErrorPolicy;

/**
 * Applies the error policy to bad input: throws under {@link ErrorPolicy#FAIL_FAST}, counts by kind
 * with the first {@link #MAX_LOCATIONS} locations under {@link ErrorPolicy#SKIP_AND_COUNT}.
 */
final class BadInputCounter {
  static final int MAX_LOCATIONS = 5;

  private final ErrorPolicy policy;
  private final EnumMap<BadInput, long[]> counts = new EnumMap<>(BadInput.class);
  private final EnumMap<BadInput, List<String>> locations = new EnumMap<>(BadInput.class);

  BadInputCounter(ErrorPolicy policy) {
    this.policy = policy;
  }

  ErrorPolicy policy() {
    return policy;
  }

  /**
   * Records one bad row.
   *
   * @throws BadLogInputException under {@code FAIL_FAST}
   */
  void report(String source, long line, BadInput kind, String detail) {
    if (policy == ErrorPolicy.FAIL_FAST) {
      throw new BadLogInputException(source, line, kind, detail);
    }
    counts.computeIfAbsent(kind, k -> new long[1])[0]++;
    List<String> at = locations.computeIfAbsent(kind, k -> new ArrayList<>());
    if (at.size() < MAX_LOCATIONS) {
      at.add(source + ":" + line);
    }
  }

  /** Counts and first locations per kind, kinds in declaration order. */
  Map<BadInput, PipelineReport.BadInputCount> snapshot() {
    Map<BadInput, PipelineReport.BadInputCount> out = new EnumMap<>(BadInput.class);
    for (Map.Entry<BadInput, long[]> e : counts.entrySet()) {
      out.put(
          e.getKey(), new PipelineReport.BadInputCount(e.getValue()[0], locations.get(e.getKey())));
    }
    return out;
  }
}
