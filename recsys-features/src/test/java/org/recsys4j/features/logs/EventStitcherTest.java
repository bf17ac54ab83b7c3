package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recsys4j.features.io.ErrorPolicy;

/** Memory of the streaming stitch is bounded by the window: flat when the days double. */
class EventStitcherTest {
  private static final long DAY = 86_400_000L;

  /** Max open exposures, remembered ids and users with history over a run of {@code days}. */
  private static int[] peaks(int days) {
    EventStitcher s =
        new EventStitcher(
            StitchConfig.defaults(),
            5,
            AttributeRow.Schema.EMPTY,
            List.of(),
            new BadInputCounter(ErrorPolicy.SKIP_AND_COUNT));
    int[] peak = new int[3];
    long id = 0;
    long rows = 0;
    for (int d = 0; d < days; d++) {
      List<ExposureEvent> exposures = new ArrayList<>();
      List<ClickEvent> clicks = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        long t = d * DAY + i * (DAY / 2_000);
        exposures.add(
            new ExposureEvent(
                id,
                t,
                "u" + i % 97,
                "i" + i % 31,
                i % 10,
                AttributeRow.of(AttributeRow.Schema.EMPTY),
                0));
        if (i % 7 == 0) {
          clicks.add(new ClickEvent(id, t + 1000, 0));
        }
        id++;
      }
      rows += s.accept(d, exposures, "e", clicks, "c", List.of(), "o").size();
      peak[0] = Math.max(peak[0], s.openExposures());
      peak[1] = Math.max(peak[1], s.rememberedTraceIds());
      peak[2] = Math.max(peak[2], s.usersWithHistory());
    }
    rows += s.finish("c", "o").size();
    assertEquals(id, rows, "every exposure is emitted once");
    return peak;
  }

  @Test
  void peakStateIsFlatWhenTheDaysDouble() {
    int[] four = peaks(4);
    int[] eight = peaks(8);
    assertTrue(four[0] > 2_000 && four[0] <= 4_000, "open: about one day plus the window");
    assertEquals(four[0], eight[0], "open exposures");
    assertEquals(four[1], eight[1], "remembered trace ids");
    assertEquals(four[2], eight[2], "users with history");
  }
}
