package org.recsys4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IdDeduperProperties {
  private final IdDeduper deduper = new IdDeduper();

  /** Distinct ids in order of first appearance, and inverse maps every lookup back. */
  @Property(tries = 200)
  void uniqueAndInverseReconstructIds(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 50) Integer> list) {
    int[] ids = list.stream().mapToInt(Integer::intValue).toArray();
    deduper.dedupe(ids, ids.length);
    Map<Integer, Integer> first = new LinkedHashMap<>();
    for (int id : ids) {
      first.putIfAbsent(id, first.size());
    }
    assertEquals(first.size(), deduper.count());
    int k = 0;
    for (int id : first.keySet()) {
      assertEquals(id, deduper.unique()[k++]);
    }
    for (int i = 0; i < ids.length; i++) {
      assertEquals(ids[i], deduper.unique()[deduper.inverse()[i]]);
    }
  }
}
