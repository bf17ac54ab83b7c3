package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples run, print their figures as name=value, and the figures make sense. */
class ExamplesTest {

  static Map<String, Double> run(Runnable main) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    old.print(out);
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.matches("[a-z0-9_]+=[-0-9.eE]+")) {
        String[] kv = line.split("=");
        figures.put(kv[0], Double.parseDouble(kv[1]));
      }
    }
    return figures;
  }

  @Test
  void quickStartLearnsTheInteraction() {
    Map<String, Double> f = run(() -> QuickStart.main(new String[0]));
    assertTrue(f.get("test_auc") > 0.72, "test_auc=" + f.get("test_auc"));
  }

  @Test
  void theFeaturesDocSnippetRuns() {
    Map<String, Double> f =
        run(
            () -> {
              try {
                EncodeForTraining.main(new String[0]);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    double p = f.get("request_p_click");
    assertTrue(p > 0 && p < 1, "request_p_click=" + p);
  }

  @Test
  void mainExamplePrintsItsFiguresOnASmallWorld() {
    Map<String, Double> f =
        run(
            () ->
                FunnelFmExample.main(
                    new String[] {"--days", "4", "--users", "400", "--seed", "5"}));
    for (String k :
        new String[] {
          "auc", "gauc", "logloss", "oracle_auc", "oracle_lift", "lr_auc", "train_samples_per_s"
        }) {
      assertTrue(f.containsKey(k), "missing " + k + " in " + f);
    }
    assertTrue(f.get("auc") > 0.6, "auc=" + f.get("auc"));
    assertTrue(f.get("oracle_auc") > f.get("auc"), "the oracle must beat FM: " + f);
    assertTrue(f.get("logloss") > 0 && f.get("logloss") < 0.693, "logloss=" + f.get("logloss"));
    String html = readReport();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<td class=\"metric\" data-name=\"auc\">([0-9.]+)</td>")
            .matcher(html);
    assertTrue(m.find(), "the report has an auc cell");
    org.junit.jupiter.api.Assertions.assertEquals(
        f.get("auc"), Double.parseDouble(m.group(1)), 5e-5, "the report's AUC is the printed one");
  }

  @Test
  void modelZooTrainsEveryModelOnASmallWorld() {
    Map<String, Double> f =
        run(
            () ->
                ModelZoo.main(
                    new String[] {
                      "--days",
                      "3",
                      "--users",
                      "300",
                      "--epochs",
                      "1",
                      "--hidden",
                      "16",
                      "--seed",
                      "5"
                    }));
    for (String m :
        new String[] {
          "lr", "fm", "wide_deep", "deepfm", "dcn", "dcn_v2", "dcn_v2_parallel", "xdeepfm"
        }) {
      assertTrue(f.containsKey(m + "_auc"), "missing " + m + "_auc in " + f);
      assertTrue(f.get(m + "_auc") > 0.55, m + "_auc=" + f.get(m + "_auc"));
      assertTrue(f.get(m + "_samples_per_s") > 0, m + "_samples_per_s");
    }
    assertTrue(f.get("oracle_auc") > f.get("fm_auc"), "the oracle must beat FM: " + f);
  }

  @Test
  void customNetworkTrainsOnASmallWorld() {
    Map<String, Double> f =
        run(
            () ->
                CustomNetworkExample.main(
                    new String[] {"--days", "3", "--users", "300", "--epochs", "1"}));
    assertTrue(f.get("custom_auc") > 0.55, "custom_auc=" + f.get("custom_auc"));
  }

  private static String readReport() {
    try {
      return java.nio.file.Files.readString(
          java.nio.file.Path.of("target", "reports", "funnel-fm.html"));
    } catch (java.io.IOException e) {
      throw new AssertionError("the example must write its report", e);
    }
  }
}
