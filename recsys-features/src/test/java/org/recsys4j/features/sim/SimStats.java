package org.recsys4j.features.sim;

import java.util.ArrayList;
import java.util.List;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.LabeledSample;
import org.recsys4j.features.logs.LogStitcher;
import org.recsys4j.features.logs.StitchReport;
import org.recsys4j.features.logs.StitchResult;
import org.recsys4j.features.logs.Truth;

/** Runs a whole simulation through the stitcher and keeps the columns the tests look at. */
final class SimStats {
  final FunnelSimulatorConfig config;
  final List<DayLogs> days = new ArrayList<>();
  StitchReport report = StitchReport.empty();
  final double[] pClick;
  final double[] pClickWithoutHistory;
  final double[] pConv;
  final boolean[] click;
  final boolean[] conversion;
  final boolean[] recentHit;
  final int[] position;
  final int n;

  SimStats(FunnelSimulatorConfig config, boolean keepDays) {
    this.config = config;
    FunnelSimulator sim = new FunnelSimulator(config);
    List<LabeledSample> all = new ArrayList<>();
    while (sim.hasNextDay()) {
      DayLogs day = sim.nextDay();
      if (keepDays) {
        days.add(day);
      }
      StitchResult r = LogStitcher.stitch(day);
      report = report.plus(r.report());
      all.addAll(r.samples());
    }
    n = all.size();
    pClick = new double[n];
    pClickWithoutHistory = new double[n];
    pConv = new double[n];
    click = new boolean[n];
    conversion = new boolean[n];
    recentHit = new boolean[n];
    position = new int[n];
    for (int i = 0; i < n; i++) {
      LabeledSample s = all.get(i);
      Truth t = s.truth().orElseThrow();
      pClick[i] = t.pClick();
      pClickWithoutHistory[i] = t.pClickWithoutHistory();
      pConv[i] = t.pConv();
      click[i] = s.click();
      conversion[i] = s.conversion();
      recentHit[i] = s.exposure().categoryInLastClicks(config.click().recentInterestWindow());
      position[i] = s.exposure().position();
    }
  }

  double ctr() {
    return (double) report.clicks() / n;
  }

  double cvr() {
    return (double) report.conversions() / report.clicks();
  }

  double meanPClick() {
    double s = 0;
    for (double p : pClick) {
      s += p;
    }
    return s / n;
  }

  /** Empirical CTR over the rows where {@code hit == want}. */
  double ctrWhereHit(boolean want) {
    long rows = 0;
    long clicks = 0;
    for (int i = 0; i < n; i++) {
      if (recentHit[i] == want) {
        rows++;
        clicks += click[i] ? 1 : 0;
      }
    }
    return (double) clicks / rows;
  }

  /** Empirical CTR over positions {@code from..to}. */
  double ctrAtPositions(int from, int to) {
    long rows = 0;
    long clicks = 0;
    for (int i = 0; i < n; i++) {
      if (position[i] >= from && position[i] <= to) {
        rows++;
        clicks += click[i] ? 1 : 0;
      }
    }
    return (double) clicks / rows;
  }

  double oracleAuc() {
    return AucReference.auc(pClick, click);
  }

  double historyBlindAuc() {
    return AucReference.auc(pClickWithoutHistory, click);
  }
}
