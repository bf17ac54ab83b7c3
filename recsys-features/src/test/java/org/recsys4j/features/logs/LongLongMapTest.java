package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongLongMapTest {
  @Test
  void agreesWithHashMapUnderRandomPutsGetsAndRemoves() {
    SplittableRandom rnd = new SplittableRandom(3);
    LongLongMap m = new LongLongMap();
    Map<Long, Long> ref = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      long key = rnd.nextInt(5_000) - 2_500L; // small range: long probe clusters, many removes
      switch (rnd.nextInt(3)) {
        case 0 -> {
          m.put(key, (long) step);
          ref.put(key, (long) step);
        }
        case 1 -> {
          m.remove(key);
          ref.remove(key);
        }
        default ->
            assertEquals(
                (long) ref.getOrDefault(key, LongLongMap.ABSENT),
                m.get(key),
                "get(" + key + ") at step " + step);
      }
      assertEquals(ref.size(), m.size());
    }
    for (long k = -2_500; k < 2_500; k++) {
      assertEquals((long) ref.getOrDefault(k, LongLongMap.ABSENT), m.get(k));
    }
  }
}
