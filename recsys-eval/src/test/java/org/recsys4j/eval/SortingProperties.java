package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class SortingProperties {
  @Provide
  Arbitrary<double[]> values() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Rows.realValuedScores()),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.of(
                    -Double.MAX_VALUE,
                    -Double.MIN_VALUE,
                    Double.MIN_VALUE,
                    Double.MAX_VALUE,
                    -1.0,
                    1.0)),
            net.jqwik.api.Tuple.of(1, Arbitraries.doubles()))
        .array(double[].class)
        .ofMaxSize(60);
  }

  @Property
  void argsortEqualsStableBoxedSortWithZerosEqual(@ForAll("values") double[] v) {
    Integer[] expected = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      expected[i] = i;
    }
    // stable sort on the numeric value, -0.0 == 0.0
    Arrays.sort(expected, Comparator.comparingDouble(i -> v[i] + 0.0));
    int[] actual = Sorting.argsort(v);
    assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), actual);
  }
}
