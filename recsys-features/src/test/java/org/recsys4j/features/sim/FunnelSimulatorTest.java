package org.recsys4j.features.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recsys4j.features.logs.Click;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.Exposure;
import org.recsys4j.features.logs.Order;
import org.recsys4j.features.logs.UserSegment;

class FunnelSimulatorTest {
  private static final long HOUR = 3_600_000L;

  /** A few hundred thousand exposures: enough for rates within a few per cent. */
  private static FunnelSimulatorConfig.Builder medium() {
    return FunnelSimulatorConfig.builder().seed(7).numUsers(3_000).numDays(5);
  }

  private static FunnelSimulatorConfig.Builder small() {
    return FunnelSimulatorConfig.builder()
        .seed(11)
        .numUsers(400)
        .numItems(600)
        .numCategories(12)
        .numDays(3);
  }

  @Test
  void sameConfigGivesIdenticalLogs() {
    FunnelSimulatorConfig cfg = small().build();
    List<DayLogs> a = new SimStats(cfg, true).days;
    List<DayLogs> b = new SimStats(cfg, true).days;
    assertEquals(3, a.size());
    assertTrue(a.get(0).exposures().size() > 1_000, "exposures on day 0");
    assertEquals(a, b);
  }

  @Test
  void differentSeedGivesDifferentLogs() {
    DayLogs a = new FunnelSimulator(small().build()).nextDay();
    DayLogs b = new FunnelSimulator(small().seed(12).build()).nextDay();
    assertNotEquals(a.exposures(), b.exposures());
    assertNotEquals(a.truths(), b.truths());
  }

  @Test
  void defaultEffectsGiveRealisticRatesAndAnOracleWellAboveChance() {
    SimStats s = new SimStats(medium().build(), false);
    assertTrue(s.ctr() > 0.03 && s.ctr() < 0.08, "CTR=" + s.ctr());
    assertTrue(s.cvr() > 0.05 && s.cvr() < 0.15, "CVR=" + s.cvr());
    // the labels are drawn from the truth: empirical CTR within 5 standard errors of mean pClick
    double se = Math.sqrt(s.meanPClick() * (1 - s.meanPClick()) / s.n);
    assertEquals(s.meanPClick(), s.ctr(), 5 * se);
    double oracle = s.oracleAuc();
    double blind = s.historyBlindAuc();
    assertTrue(oracle > 0.75, "oracle AUC=" + oracle);
    double historyShare = 1 - (blind - 0.5) / (oracle - 0.5);
    assertTrue(historyShare > 0.03 && historyShare < 0.12, "history share of lift=" + historyShare);
    assertTrue(s.report.duplicateClicks() > 0, "default duplicate clicks");
    assertTrue(s.report.orphanClicks() > 0, "default orphan clicks");
  }

  @Test
  void ctrFallsWithPositionBeyondTheIncumbentRankersOrdering() {
    SimStats planted = new SimStats(medium().numDays(3).build(), false);
    SimStats none = new SimStats(medium().numDays(3).positionBeta(0.0).build(), false);
    double top = planted.ctrAtPositions(0, 2);
    double mid = planted.ctrAtPositions(3, 5);
    double low = planted.ctrAtPositions(6, 9);
    assertTrue(top > mid && mid > low, "CTR by position group " + top + " " + mid + " " + low);
    // same world, same ranker: the extra drop with beta=0.3 is exp(-0.3*log2(10)) ~ x0.37 at the
    // bottom, so the top/bottom ratio must grow well beyond the ranker's own ordering effect
    double ratioPlanted = top / low;
    double ratioNone = none.ctrAtPositions(0, 2) / none.ctrAtPositions(6, 9);
    assertTrue(ratioPlanted > 1.5 * ratioNone, ratioPlanted + " vs beta=0: " + ratioNone);
  }

  @Test
  void recentInterestRaisesCtrBeyondStaticAffinity() {
    SimStats planted = new SimStats(medium().numDays(3).build(), false);
    SimStats none = new SimStats(medium().numDays(3).recentInterestBoost(0.0).build(), false);
    double liftPlanted = planted.ctrWhereHit(true) / planted.ctrWhereHit(false);
    double liftNone = none.ctrWhereHit(true) / none.ctrWhereHit(false);
    // with boost 0 the lift is static affinity only (recent categories are affine ones)
    assertTrue(liftNone > 1.0, "lift without boost " + liftNone);
    assertTrue(liftPlanted > 2.0 * liftNone, liftPlanted + " vs boost=0: " + liftNone);
    // and without the boost the truth has no history term at all
    for (int i = 0; i < none.n; i++) {
      assertEquals(none.pClick[i], none.pClickWithoutHistory[i], 0.0);
    }
  }

  @Test
  void theContextTripleEffectHasItsPlantedSizeAndIsOffByDefault() {
    // Same seed, burn-in off: the first day's slates are the same, only the click logits move.
    // Same seed, burn-in off: slates agree until a click that one world drew and the other did
    // not changes a user's history; the exposures both worlds show alike differ only in logit.
    DayLogs off = new FunnelSimulator(small().burnInDays(0).build()).nextDay();
    DayLogs on = new FunnelSimulator(small().burnInDays(0).contextTripleSd(0.6).build()).nextDay();
    Map<Long, Integer> offIndex = new HashMap<>();
    for (int i = 0; i < off.exposures().size(); i++) {
      offIndex.put(off.exposures().get(i).traceId(), i);
    }
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    Map<String, Double> cell = new HashMap<>();
    for (int i = 0; i < on.exposures().size(); i++) {
      Exposure e = on.exposures().get(i);
      Integer j = offIndex.get(e.traceId());
      if (j == null || !off.exposures().get(j).equals(e)) {
        continue;
      }
      double d =
          logit(on.truths().get(i).pClickWithoutHistory())
              - logit(off.truths().get(j).pClickWithoutHistory());
      sum += d;
      sumSq += d * d;
      n++;
      String key = e.deviceType() + "/" + e.hourOfDay() / 4 + "/" + e.categoryId();
      Double prev = cell.put(key, d);
      if (prev != null) {
        assertEquals(prev, d, 1e-9, "one value per device x 4-hour block x category: " + key);
      }
    }
    assertTrue(n > 500, "exposures shown alike in both worlds: " + n);
    double sd = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
    assertTrue(sd > 0.45 && sd < 0.75, "sd of the planted term over exposures=" + sd);
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void logsAreTimeOrderedWellFormedAndWithinTheirDay() {
    FunnelSimulatorConfig cfg = small().build();
    FunnelSimulator sim = new FunnelSimulator(cfg);
    long lastTrace = 0;
    int slate = cfg.schedule().slateSize();
    while (sim.hasNextDay()) {
      DayLogs day = sim.nextDay();
      long dayStart =
          cfg.schedule().startEpochMillis() + day.day() * FunnelSimulatorConfig.DAY_MILLIS;
      long dayEnd = dayStart + FunnelSimulatorConfig.DAY_MILLIS;
      List<Exposure> ex = day.exposures();
      assertEquals(0, ex.size() % slate, "whole slates");
      Map<Long, Exposure> byTrace = new HashMap<>();
      for (int i = 0; i < ex.size(); i++) {
        Exposure e = ex.get(i);
        assertTrue(e.traceId() > lastTrace, "trace ids increase: " + e);
        lastTrace = e.traceId();
        assertEquals(day.day(), e.day());
        assertTrue(e.timestampMillis() >= dayStart && e.timestampMillis() < dayEnd, e.toString());
        assertEquals((e.timestampMillis() - dayStart) / HOUR, e.hourOfDay());
        assertEquals(sim.categoryOf(e.itemId()), e.categoryId());
        assertEquals(sim.priceBucketOf(e.itemId()), e.priceBucket());
        assertTrue(e.recentClickCount() <= cfg.schedule().maxHistoryLength());
        if (i > 0) {
          assertTrue(ex.get(i - 1).timestampMillis() <= e.timestampMillis(), "time order");
        }
        byTrace.put(e.traceId(), e);
      }
      for (int q = 0; q < ex.size(); q += slate) { // a request's slate is contiguous
        Set<Integer> items = new HashSet<>();
        for (int p = 0; p < slate; p++) {
          Exposure e = ex.get(q + p);
          assertEquals(p, e.position());
          assertEquals(ex.get(q).userId(), e.userId());
          assertEquals(ex.get(q).timestampMillis(), e.timestampMillis());
          assertEquals(ex.get(q).recentClicks(), e.recentClicks());
          items.add(e.itemId());
        }
        assertEquals(slate, items.size(), "distinct items in a slate");
      }
      Map<Long, Long> firstClick = new HashMap<>();
      long prev = Long.MIN_VALUE;
      for (Click c : day.clicks()) {
        assertTrue(c.timestampMillis() >= prev, "click log in time order");
        prev = c.timestampMillis();
        assertTrue(c.timestampMillis() >= dayStart && c.timestampMillis() < dayEnd);
        Exposure e = byTrace.get(c.traceId());
        if (e != null) {
          long delay = c.timestampMillis() - e.timestampMillis();
          assertTrue(
              delay > 0
                  && delay
                      <= FunnelSimulator.MAX_CLICK_DELAY_MILLIS
                          + FunnelSimulator.MAX_DUPLICATE_DELAY_MILLIS,
              "click delay " + delay);
          firstClick.merge(c.traceId(), c.timestampMillis(), Math::min);
        }
      }
      prev = Long.MIN_VALUE;
      for (Order o : day.orders()) {
        assertTrue(o.timestampMillis() >= prev, "order log in time order");
        prev = o.timestampMillis();
        assertTrue(o.timestampMillis() >= dayStart && o.timestampMillis() < dayEnd);
        if (byTrace.containsKey(o.traceId())) {
          Long clickTime = firstClick.get(o.traceId());
          assertTrue(clickTime != null && o.timestampMillis() > clickTime, "order after click");
          assertTrue(o.amount() > 0);
        }
      }
    }
  }

  @Test
  void dirtRatesAreApplied() {
    FunnelSimulatorConfig cfg =
        small()
            .numUsers(1_500)
            .duplicateClickRate(0.05)
            .orphanClickRate(0.02)
            .duplicateOrderRate(0.1)
            .orphanOrderRate(0.05)
            .build();
    SimStats s = new SimStats(cfg, false);
    double dup = (double) s.report.duplicateClicks() / s.report.clicks();
    double orphan = (double) s.report.orphanClicks() / s.report.clicks();
    assertEquals(0.05, dup, 0.015, "duplicate click rate");
    assertEquals(0.02, orphan, 0.01, "orphan click rate");
    assertTrue(s.report.duplicateOrders() > 0 && s.report.orphanOrders() > 0, s.report.toString());
    assertEquals(0, s.report.ordersWithoutClick(), "every simulated order follows a click");

    SimStats clean =
        new SimStats(
            small()
                .duplicateClickRate(0)
                .orphanClickRate(0)
                .duplicateOrderRate(0)
                .orphanOrderRate(0)
                .build(),
            false);
    assertEquals(
        0,
        clean.report.duplicateClicks()
            + clean.report.orphanClicks()
            + clean.report.duplicateOrders()
            + clean.report.orphanOrders());
  }

  @Test
  void streamsExactlyNumDaysThenFails() {
    FunnelSimulator sim = new FunnelSimulator(small().numDays(2).build());
    Iterator<DayLogs> it = sim.days();
    assertEquals(0, it.next().day());
    assertEquals(1, sim.nextDayIndex());
    assertEquals(1, it.next().day());
    assertFalse(it.hasNext());
    assertFalse(sim.hasNextDay());
    NoSuchElementException e = assertThrows(NoSuchElementException.class, sim::nextDay);
    assertEquals("nextDay=2 must be < numDays=2", e.getMessage());
  }

  @Test
  void newUsersStartEmptyAndReturningUsersStartWithBurnInHistory() {
    FunnelSimulatorConfig cfg = small().numUsers(1_000).newUserFraction(0.3).build();
    SimStats s = new SimStats(cfg, true);
    Map<Integer, Exposure> firstSeen = new HashMap<>();
    Map<Integer, UserSegment> day0Segment = new HashMap<>();
    for (DayLogs d : s.days) {
      for (Exposure e : d.exposures()) {
        Exposure first = firstSeen.putIfAbsent(e.userId(), e);
        if (first != null && e.day() > first.day()) {
          assertEquals(UserSegment.RETURNING, e.userSegment(), "NEW only on the join day");
        }
        if (d.day() == 0) {
          day0Segment.put(e.userId(), e.userSegment());
        }
      }
    }
    int newUsers = 0;
    int returningWithHistory = 0;
    int returning = 0;
    for (Exposure first : firstSeen.values()) {
      if (first.userSegment() == UserSegment.NEW) {
        newUsers++;
        assertEquals(0, first.recentClickCount(), "a new user has no history");
      } else {
        returning++;
        returningWithHistory += first.recentClickCount() > 0 ? 1 : 0;
      }
    }
    assertTrue(newUsers > 150 && newUsers < 450, "new users " + newUsers);
    assertTrue(returningWithHistory > 0.5 * returning, returningWithHistory + " of " + returning);
  }

  @Test
  void interestDriftChangesBehaviourButNotDay0World() {
    DayLogs a = new FunnelSimulator(small().burnInDays(0).build()).nextDay();
    DayLogs b =
        new FunnelSimulator(small().burnInDays(0).interestDriftPerDay(0.3).build()).nextDay();
    assertEquals(a, b, "drift starts after the first simulated day");
    FunnelSimulator c = new FunnelSimulator(small().burnInDays(0).build());
    FunnelSimulator d = new FunnelSimulator(small().burnInDays(0).interestDriftPerDay(0.3).build());
    c.nextDay();
    d.nextDay();
    assertNotEquals(c.nextDay().truths(), d.nextDay().truths());
  }

  @Test
  void itemLookupsCheckTheirArgument() {
    FunnelSimulator sim = new FunnelSimulator(small().build());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sim.categoryOf(600));
    assertEquals("itemId=600 must be in [0, 599]", e.getMessage());
    assertTrue(sim.priceOf(0) > 0);
    assertThrows(IllegalArgumentException.class, () -> new FunnelSimulator(null));
  }
}
