package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMapTest {
  @Test
  void agreesWithHashMapUnderRandomPutsGetsAndRemoves() {
    SplittableRandom rnd = new SplittableRandom(3);
    LongMap<Long> m = new LongMap<>();
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
        default -> assertEquals(ref.get(key), m.get(key), "get(" + key + ") at step " + step);
      }
      assertEquals(ref.size(), m.size());
    }
    for (long k = -2_500; k < 2_500; k++) {
      assertEquals(ref.get(k), m.get(k));
    }
  }
}
