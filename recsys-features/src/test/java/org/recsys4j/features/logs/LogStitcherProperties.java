package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recsys4j.features.logs.LogFixtures.T0;
import static org.recsys4j.features.logs.LogFixtures.exposure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@PropertyDefaults(tries = 200)
class LogStitcherProperties {

  /**
   * The stitcher agrees with a plain set-based reference on random logs whose click and order ids
   * are drawn from a pool twice the size of the exposures (so about half are orphans).
   */
  @Property
  void agreesWithASetBasedReference(
      @ForAll @IntRange(min = 0, max = 30) int numExposures,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 59) Integer> clickIds,
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 59) Integer> orderIds) {
    List<Exposure> exposures = new ArrayList<>();
    for (int i = 0; i < numExposures; i++) {
      exposures.add(exposure(2L * i, 0)); // even ids only: odd ids are always orphans
    }
    List<Click> clicks = clickIds.stream().map(id -> new Click(id, T0)).toList();
    List<Order> orders = orderIds.stream().map(id -> new Order(id, T0, 1.0)).toList();

    StitchResult r = LogStitcher.stitch(exposures, clicks, orders);

    Set<Long> exposed = new HashSet<>();
    exposures.forEach(e -> exposed.add(e.traceId()));
    Map<Long, Integer> clickCount = new HashMap<>();
    long orphanClicks = 0;
    for (Click c : clicks) {
      if (exposed.contains(c.traceId())) {
        clickCount.merge(c.traceId(), 1, Integer::sum);
      } else {
        orphanClicks++;
      }
    }
    Map<Long, Integer> orderCount = new HashMap<>();
    long orphanOrders = 0;
    for (Order o : orders) {
      if (exposed.contains(o.traceId())) {
        orderCount.merge(o.traceId(), 1, Integer::sum);
      } else {
        orphanOrders++;
      }
    }
    long withoutClick =
        orderCount.keySet().stream().filter(id -> !clickCount.containsKey(id)).count();
    StitchReport expected =
        new StitchReport(
            numExposures,
            clickCount.size(),
            clickCount.values().stream().mapToLong(c -> c - 1).sum(),
            orphanClicks,
            orderCount.size(),
            orderCount.values().stream().mapToLong(c -> c - 1).sum(),
            orphanOrders,
            withoutClick);
    assertEquals(expected, r.report());
    for (LabeledSample s : r.samples()) {
      boolean clicked = clickCount.containsKey(s.traceId());
      assertEquals(clicked, s.click());
      assertEquals(clicked && orderCount.containsKey(s.traceId()), s.conversion());
    }
    assertEquals(numExposures, r.samples().size(), "one sample per exposure");
  }
}
