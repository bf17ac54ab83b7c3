package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.features.logs.LabeledRowFiles;
import org.recsys4j.features.logs.LogFiles;
import org.recsys4j.features.sim.FunnelSimulator;
import org.recsys4j.features.sim.FunnelSimulatorConfig;
import org.recsys4j.features.sim.SimulatorLogs;

/** The file example runs end to end on simulated log files given on the command line. */
class StitchLogsExampleTest {
  @TempDir Path dir;

  @Test
  void stitchesFilesFromTheCommandLine() throws IOException {
    FunnelSimulatorConfig config =
        FunnelSimulatorConfig.builder()
            .numUsers(150)
            .numItems(300)
            .numCategories(8)
            .numDays(2)
            .build();
    LogFiles files = SimulatorLogs.write(new FunnelSimulator(config), dir.resolve("logs"), true);
    Path mapping = dir.resolve("mapping.json");
    Files.writeString(mapping, SimulatorLogs.mapping(10).toJson());
    Path out = dir.resolve("out");
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      StitchLogsExample.main(
          new String[] {
            "--exposures",
            files.exposures().get(0).toString(),
            "--clicks",
            files.clicks().get(0).toString(),
            "--orders",
            files.orders().get(0).toString(),
            "--mapping",
            mapping.toString(),
            "--out",
            out.toString()
          });
    } finally {
      System.setOut(old);
    }
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("day_files=2"), printed);
    long rows =
        Long.parseLong(
            printed
                .lines()
                .filter(l -> l.startsWith("rows="))
                .findFirst()
                .orElseThrow()
                .substring(5));
    assertTrue(rows > 1_000, printed);
    assertTrue(Files.exists(out.resolve("stitch-report.json")));
    long shuffled = 0;
    for (LabeledRowFiles.DayFile f : LabeledRowFiles.list(out.resolve("shuffled"))) {
      shuffled += LabeledRowFiles.readAll(f.path()).size();
    }
    assertEquals(rows, shuffled, "the shuffled days hold the same rows");
  }
}
