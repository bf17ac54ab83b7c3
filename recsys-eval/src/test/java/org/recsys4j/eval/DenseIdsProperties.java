package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200)
class DenseIdsProperties {
  @Provide
  Arbitrary<long[]> keys() {
    // many distinct keys force table growth; extreme values probe the hash
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-3, 3)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs()),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)))
        .array(long[].class)
        .ofMaxSize(3000);
  }

  @Property
  void firstAppearanceNumbering(@ForAll("keys") long[] keys) {
    Map<Long, Integer> expected = new LinkedHashMap<>();
    for (long k : keys) {
      expected.putIfAbsent(k, expected.size());
    }
    DenseIds d = DenseIds.of(keys);
    assertEquals(expected.size(), d.count);
    for (int i = 0; i < keys.length; i++) {
      assertEquals(expected.get(keys[i]).intValue(), d.ids[i]);
      assertEquals(keys[i], d.keys[d.ids[i]]);
    }
  }
}
