package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.fit.EarlyStopping;
import org.recsys4j.models.fit.FitOptions;
import org.recsys4j.models.fit.TrainingConfig;
import org.recsys4j.models.fit.ValidationMetric;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.Optimizer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.zoo.FactorizationMachine;

/** TrainFromConfig on a tiny generated config and CSV days: it trains, validates and writes. */
class TrainFromConfigTest {
  @TempDir Path dir;

  /** {@code n} rows: click with p 0.8 when a and b share parity, else 0.1. */
  private static String csv(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("a,b,c,click\n");
    for (int i = 0; i < n; i++) {
      int a = r.nextInt(30);
      int b = r.nextInt(30);
      int y = r.nextDouble() < ((a % 2) == (b % 2) ? 0.8 : 0.1) ? 1 : 0;
      s.append(a).append(',').append(b).append(',').append(r.nextInt(30)).append(',');
      s.append(y).append('\n');
    }
    return s.toString();
  }

  @Test
  void trainsAConfigOnCsvDays() throws Exception {
    FeatureSchema.Builder sb = FeatureSchema.builder();
    for (String f : List.of("a", "b", "c")) {
      sb.add(CategoricalSpec.hashed(f).space(200).embeddingDim(4).build());
    }
    FeatureSchema schema = sb.build();
    ModelSpec fm = new FactorizationMachine("click", 0.1, 4).build(schema);
    TrainingConfig c =
        new TrainingConfig(
            fm,
            schema,
            TrainerConfig.defaults()
                .withBatchSize(64)
                .withJavaThreads(1)
                .withTableOptimizer(Optimizer.Adagrad.of(0.2))
                .withDenseOptimizer(Optimizer.Adam.of(0.01)),
            FitOptions.epochs(4)
                .withEarlyStopping(new EarlyStopping(ValidationMetric.AUC, 2, 0, true)),
            Shuffle.WITHIN_DAY,
            3);
    Path config = dir.resolve("training.json");
    Files.writeString(config, c.toJson());
    Path d1 = dir.resolve("day1.csv");
    Path d2 = dir.resolve("day2.csv");
    Path v = dir.resolve("day3.csv");
    Files.writeString(d1, csv(1200, 1));
    Files.writeString(d2, csv(1200, 2));
    Files.writeString(v, csv(800, 3));
    Path out = dir.resolve("out");

    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      TrainFromConfig.main(
          new String[] {
            "--config", config.toString(),
            "--train", d1 + "," + d2,
            "--valid", v.toString(),
            "--out", out.toString()
          });
    } finally {
      System.setOut(old);
    }
    Map<String, String> f = new HashMap<>();
    for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        f.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertTrue(Double.parseDouble(f.get("valid_auc")) > 0.7, "figures " + f);
    int epochs = Integer.parseInt(f.get("epochs"));
    assertTrue(epochs >= 3 && epochs <= 4, "figures " + f);
    ModelSnapshot snap = ModelSnapshot.read(out.resolve("model.snapshot"));
    assertEquals(fm, snap.spec());
    assertEquals(c, TrainingConfig.read(out.resolve("training.json")));
    assertEquals(epochs + 1, Files.readAllLines(out.resolve("history.tsv")).size());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("data-name=\"validation_auc\""), "training curves in the report");
  }
}
