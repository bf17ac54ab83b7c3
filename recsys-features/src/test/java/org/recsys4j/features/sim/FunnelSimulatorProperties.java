package org.recsys4j.features.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import org.recsys4j.features.logs.Click;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.Exposure;
import org.recsys4j.features.logs.Truth;

@PropertyDefaults(tries = 12)
class FunnelSimulatorProperties {

  private static FunnelSimulatorConfig tiny(long seed, int burnIn, int historyLength) {
    return FunnelSimulatorConfig.builder()
        .seed(seed)
        .numUsers(120)
        .numItems(150)
        .numCategories(8)
        .numDays(3)
        .burnInDays(burnIn)
        .meanRequestsPerUserPerDay(5.0)
        .clickBias(-2.5) // many clicks per user, so histories fill and roll over
        .maxHistoryLength(historyLength)
        .recentInterestWindow(Math.min(3, historyLength))
        .build();
  }

  private record LoggedClick(int userId, long time, long traceId, int itemId) {}

  /**
   * The behaviour sequence of every exposure is exactly the last maxHistoryLength logged clicks of
   * that user strictly before the exposure's timestamp (after the history the user brought from the
   * burn-in), in time order, with the items' categories.
   */
  @Property
  void recentClicksAreExactlyTheClicksStrictlyBefore(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2) int burnIn,
      @ForAll @IntRange(min = 1, max = 8) int historyLength) {
    FunnelSimulatorConfig cfg = tiny(seed, burnIn, historyLength);
    FunnelSimulator sim = new FunnelSimulator(cfg);
    List<DayLogs> days = new ArrayList<>();
    sim.days().forEachRemaining(days::add);

    Map<Long, Exposure> byTrace = new HashMap<>();
    for (DayLogs d : days) {
      d.exposures().forEach(e -> byTrace.put(e.traceId(), e));
    }
    Map<Integer, List<LoggedClick>> clicksByUser = new HashMap<>();
    Map<Long, Long> firstClickTime = new HashMap<>();
    for (DayLogs d : days) {
      for (Click c : d.clicks()) { // time order; the first row of a trace id is the real click
        Exposure e = byTrace.get(c.traceId());
        if (e != null && firstClickTime.putIfAbsent(c.traceId(), c.timestampMillis()) == null) {
          clicksByUser
              .computeIfAbsent(e.userId(), u -> new ArrayList<>())
              .add(new LoggedClick(e.userId(), c.timestampMillis(), c.traceId(), e.itemId()));
        }
      }
    }
    Comparator<LoggedClick> order =
        Comparator.comparingLong(LoggedClick::time).thenComparingLong(LoggedClick::traceId);
    clicksByUser.values().forEach(l -> l.sort(order));

    Map<Integer, int[]> initial = new HashMap<>();
    int checked = 0;
    int nonEmpty = 0;
    for (DayLogs d : days) {
      for (Exposure e : d.exposures()) {
        int[] before = initial.computeIfAbsent(e.userId(), u -> e.recentClickedItems());
        if (burnIn == 0) {
          assertEquals(0, before.length, "no history without burn-in");
        }
        List<Integer> expected = new ArrayList<>();
        for (int item : before) {
          expected.add(item);
        }
        for (LoggedClick c : clicksByUser.getOrDefault(e.userId(), List.of())) {
          if (c.time() < e.timestampMillis()) {
            expected.add(c.itemId());
          }
        }
        int[] want =
            expected.subList(Math.max(0, expected.size() - historyLength), expected.size()).stream()
                .mapToInt(Integer::intValue)
                .toArray();
        assertArrayEquals(want, e.recentClickedItems(), () -> "history of " + e);
        int[] cats = e.recentClickedCategories();
        for (int i = 0; i < cats.length; i++) {
          assertEquals(sim.categoryOf(want[i]), cats[i]);
        }
        checked++;
        nonEmpty += want.length > 0 ? 1 : 0;
      }
    }
    assertTrue(checked > 1_000 && nonEmpty > checked / 2, checked + " checked, " + nonEmpty);
  }

  /**
   * The truth is a probability, and the history-blind click probability differs from pClick exactly
   * when the item's category is among the last recentInterestWindow clicks.
   */
  @Property(tries = 6)
  void truthSeparatesTheHistoryTerm(@ForAll long seed) {
    FunnelSimulatorConfig cfg = tiny(seed, 1, 6);
    DayLogs day = new FunnelSimulator(cfg).nextDay();
    int hits = 0;
    for (int i = 0; i < day.exposures().size(); i++) {
      Exposure e = day.exposures().get(i);
      Truth t = day.truths().get(i);
      assertTrue(t.pClick() > 0 && t.pClick() < 1 && t.pConv() > 0 && t.pConv() < 1);
      boolean hit = e.categoryInLastClicks(cfg.click().recentInterestWindow());
      if (hit) {
        hits++;
        double boost = logit(t.pClick()) - logit(t.pClickWithoutHistory());
        assertEquals(cfg.click().recentInterestBoost(), boost, 1e-9);
      } else {
        assertEquals(t.pClick(), t.pClickWithoutHistory(), 0.0);
      }
    }
    assertTrue(hits > 0, "some exposures get the recent-interest boost");
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Property(tries = 4)
  void sameSeedSameFirstDay(@ForAll long seed) {
    FunnelSimulatorConfig cfg = tiny(seed, 1, 4);
    DayLogs a = new FunnelSimulator(cfg).nextDay();
    DayLogs b = new FunnelSimulator(FunnelSimulatorConfig.fromJson(cfg.toJson())).nextDay();
    assertEquals(a, b);
    assertTrue(
        Arrays.equals(
            a.exposures().stream().mapToLong(Exposure::traceId).toArray(),
            b.exposures().stream().mapToLong(Exposure::traceId).toArray()));
  }
}
