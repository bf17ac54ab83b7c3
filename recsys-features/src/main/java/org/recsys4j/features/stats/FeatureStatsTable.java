package org.recsys4j.features.stats;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.recsys4j.core.Check;

/**
 * Renders {@link FeatureStats} as a fixed-width text table, one feature per line:
 *
 * <pre>
 * feature   count  coverage  distinct  collide@V  top values
 * C1         9999    0.9512      1043     0.0010  68fd1e64=3021 ...
 * </pre>
 *
 * {@code distinct} ends in {@code ~} when estimated; {@code collide@V} is {@link
 * FeatureStats#collisionRate(int)} for the given hash space.
 */
public final class FeatureStatsTable {
  private FeatureStatsTable() {}

  /**
   * The table text, ending in a newline.
   *
   * @param stats features to list
   * @param space hash space for the collision column, &gt;= 2
   * @param topValues how many top values to print per feature, &gt;= 0
   * @throws IllegalArgumentException if {@code stats} is null or {@code space < 2}
   */
  public static String render(List<FeatureStats> stats, int space, int topValues) {
    Check.notNull("stats", stats);
    Check.arg(space >= 2, "space", space, "must be >= 2");
    Check.nonNegative("topValues", topValues);
    int w =
        Math.max(
            "feature".length(), stats.stream().mapToInt(s -> s.name().length()).max().orElse(0));
    String collide = "collide@" + space;
    int cw = Math.max(10, collide.length());
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-" + w + "s %10s %9s %10s %" + cw + "s  %s\n",
            "feature",
            "count",
            "coverage",
            "distinct",
            collide,
            "top values"));
    for (FeatureStats s : stats) {
      String distinct =
          String.format(Locale.ROOT, "%.0f", s.cardinality()) + (s.cardinalityExact() ? "" : "~");
      String top =
          s.topValues().stream()
              .limit(topValues)
              .map(v -> v.value() + "=" + v.count())
              .collect(Collectors.joining(" "));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-" + w + "s %10d %9.4f %10s %" + cw + ".4f  %s\n",
              s.name(),
              s.count(),
              s.coverage(),
              distinct,
              s.collisionRate(space),
              top));
    }
    return sb.toString();
  }
}
