package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class GroupAucProperties {
  @Provide
  Arbitrary<Rows> rows() {
    return Rows.realScores(40);
  }

  @Property
  void equalsPerGroupLoopForEveryWeighting(
      @ForAll("rows") Rows r, @ForAll GroupAuc.Weighting weighting) {
    double expected = AucReference.groupAuc(r.scores(), r.labels(), r.groups(), weighting);
    if (Double.isNaN(expected)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> GroupAuc.compute(r.scores(), r.labels(), r.groups(), weighting));
      return;
    }
    GroupAucResult result = GroupAuc.compute(r.scores(), r.labels(), r.groups(), weighting);
    assertEquals(expected, result.value(), 1e-12);
  }

  @Property
  void countsMatchGroupStructure(@ForAll("rows") Rows r) {
    Map<Long, int[]> stats = new HashMap<>(); // rows, positives, distinct-score flag
    Map<Long, Double> first = new HashMap<>();
    for (int i = 0; i < r.size(); i++) {
      int[] s = stats.computeIfAbsent(r.groups()[i], k -> new int[3]);
      s[0]++;
      s[1] += r.labels()[i];
      Double f = first.putIfAbsent(r.groups()[i], r.scores()[i]);
      if (f != null && f != r.scores()[i]) {
        s[2] = 1;
      }
    }
    int oneClass = 0;
    int constant = 0;
    long rowsUsed = 0;
    for (int[] s : stats.values()) {
      if (s[1] == 0 || s[1] == s[0]) {
        oneClass++;
      } else if (s[2] == 0) {
        constant++;
      } else {
        rowsUsed += s[0];
      }
    }
    if (oneClass + constant == stats.size()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> GroupAuc.compute(r.scores(), r.labels(), r.groups(), GroupAuc.Weighting.CLICKS));
      return;
    }
    GroupAucResult result =
        GroupAuc.compute(r.scores(), r.labels(), r.groups(), GroupAuc.Weighting.CLICKS);
    assertEquals(oneClass, result.oneClassGroups());
    assertEquals(constant, result.constantScoreGroups());
    assertEquals(oneClass + constant, result.groupsSkipped());
    assertEquals(stats.size() - oneClass - constant, result.groupsUsed());
    assertEquals(rowsUsed, result.rowsUsed());
    assertEquals(r.size() - rowsUsed, result.rowsSkipped());
  }

  @Property
  void singleGroupEqualsAucWhenScoresVary(@ForAll("rows") Rows r) {
    net.jqwik.api.Assume.that(r.bothClasses());
    double[] s = r.scores();
    boolean varies = false;
    for (double v : s) {
      varies |= v != s[0];
    }
    net.jqwik.api.Assume.that(varies);
    long[] oneGroup = new long[r.size()];
    for (GroupAuc.Weighting w : GroupAuc.Weighting.values()) {
      assertEquals(
          Auc.exact(s, r.labels()), GroupAuc.compute(s, r.labels(), oneGroup, w).value(), 1e-12);
    }
  }
}
