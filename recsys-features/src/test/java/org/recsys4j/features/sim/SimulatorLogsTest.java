package org.recsys4j.features.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.features.logs.DayLogs;
import org.recsys4j.features.logs.Exposure;
import org.recsys4j.features.logs.LabeledRow;
import org.recsys4j.features.logs.LabeledRowFiles;
import org.recsys4j.features.logs.LabeledSample;
import org.recsys4j.features.logs.LogFiles;
import org.recsys4j.features.logs.LogPipeline;
import org.recsys4j.features.logs.LogStitcher;
import org.recsys4j.features.logs.PipelineReport;
import org.recsys4j.features.logs.StitchConfig;
import org.recsys4j.features.logs.StitchReport;
import org.recsys4j.features.logs.StitchResult;

/**
 * The simulator's logs written as files and run through the generic pipeline give the labels of the
 * in-memory stitch, the simulator's own histories, and its oracle columns untouched.
 */
class SimulatorLogsTest {
  @TempDir Path dir;

  private static FunnelSimulatorConfig config() {
    return FunnelSimulatorConfig.builder()
        .seed(5)
        .numUsers(300)
        .numItems(400)
        .numCategories(10)
        .numDays(3)
        .burnInDays(0)
        .maxHistoryLength(6)
        .build();
  }

  @Test
  void filesThroughThePipelineMatchTheInMemoryStitch() throws IOException {
    FunnelSimulatorConfig config = config();
    Map<Long, LabeledSample> expected = new HashMap<>();
    StitchReport expectedReport = StitchReport.empty();
    FunnelSimulator reference = new FunnelSimulator(config);
    while (reference.hasNextDay()) {
      DayLogs day = reference.nextDay();
      StitchResult r = LogStitcher.stitch(day, StitchConfig.defaults());
      r.samples().forEach(s -> expected.put(s.traceId(), s));
      expectedReport = expectedReport.plus(r.report());
    }

    LogFiles files = SimulatorLogs.write(new FunnelSimulator(config), dir.resolve("logs"), true);
    PipelineReport report =
        LogPipeline.run(
            files, SimulatorLogs.mapping(6), StitchConfig.defaults(), dir.resolve("out"));

    List<LabeledRow> rows = new ArrayList<>();
    for (LabeledRowFiles.DayFile f : LabeledRowFiles.list(dir.resolve("out"))) {
      LabeledRowFiles.read(f.path(), rows::add);
    }
    assertEquals(3, LabeledRowFiles.list(dir.resolve("out")).size());
    assertEquals(expected.size(), rows.size());
    assertEquals(expectedReport, report.stitch());
    assertTrue(report.clicks() > 100 && report.conversions() > 5, "a non-trivial run");
    int withHistory = 0;
    for (LabeledRow row : rows) {
      LabeledSample s = expected.get(row.traceId());
      Exposure e = s.exposure();
      assertEquals(s.click(), row.click(), "click of " + row.traceId());
      assertEquals(s.conversion(), row.conversion(), "conversion of " + row.traceId());
      assertEquals(e.timestampMillis(), row.timeMillis());
      assertEquals(String.valueOf(e.userId()), row.user());
      assertEquals(String.valueOf(e.itemId()), row.item());
      assertEquals(e.position(), row.position());
      assertEquals((long) e.categoryId(), row.get("category"));
      assertEquals(e.deviceType().name(), row.get("device"));
      assertEquals(s.truth().orElseThrow().pClick(), row.get("p_click"));
      double unbiased = ((Number) row.get(SimulatorLogs.P_CLICK_UNBIASED)).doubleValue();
      double pClick = s.truth().orElseThrow().pClick();
      double z = Math.log(pClick / (1 - pClick)) + 0.3 * Math.log(1 + e.position()) / Math.log(2);
      assertEquals(1 / (1 + Math.exp(-z)), unbiased, 1e-12, "p_click_unbiased");
      assertTrue(unbiased >= pClick && (e.position() > 0 || unbiased == pClick), "unbiased");
      assertEquals(s.truth().orElseThrow().pConv(), row.get("p_conv"));
      List<String> items = new ArrayList<>();
      List<Object> categories = new ArrayList<>();
      for (int i = 0; i < e.recentClickCount(); i++) {
        items.add(String.valueOf(e.recentClickedItem(i)));
        categories.add((long) e.recentClickedCategory(i));
      }
      assertEquals(items, row.history().items(), "history of " + row.traceId());
      assertEquals(categories, row.get("history_category"), "categories of " + row.traceId());
      withHistory += items.isEmpty() ? 0 : 1;
      if (row.conversion()) {
        assertTrue(row.orderAmount() > 0, "a conversion has its order's amount");
      }
    }
    assertTrue(withHistory > rows.size() / 3, "histories are exercised: " + withHistory);
  }
}
