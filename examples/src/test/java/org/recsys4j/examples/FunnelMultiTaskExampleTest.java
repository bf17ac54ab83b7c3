package org.recsys4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multi-task example runs on a small world and prints its figures, which make sense. */
class FunnelMultiTaskExampleTest {

  @Test
  void printsEveryFigureOnASmallWorld() {
    Map<String, Double> f =
        ExamplesTest.run(
            () ->
                FunnelMultiTaskExample.main(
                    new String[] {
                      "--days",
                      "3",
                      "--users",
                      "200",
                      "--epochs",
                      "1",
                      "--hidden",
                      "8",
                      "--seed",
                      "5"
                    }));
    for (String k :
        new String[] {
          "esmm_ctcvr_auc",
          "naive_ctcvr_auc",
          "oracle_ctcvr_auc",
          "esmm_cvr_auc_all_exposures",
          "naive_cvr_auc_all_exposures",
          "position_tower_true_auc",
          "no_tower_true_auc",
          "oracle_true_auc",
          "downsampled_copc",
          "downsampled_uncorrected_copc"
        }) {
      assertTrue(f.containsKey(k), "missing " + k + " in " + f);
    }
    assertEquals(0.0, f.get("orders_without_click"), "the simulator orders only after clicks");
    for (String k : new String[] {"esmm_ctcvr_auc", "naive_ctcvr_auc", "no_tower_true_auc"}) {
      assertTrue(
          f.get(k) > 0.55
              && f.get(k) < f.get(k.startsWith("no") ? "oracle_true_auc" : "oracle_ctcvr_auc"),
          k + "=" + f.get(k) + " must be above chance, below the oracle");
    }
    double corrected = Math.abs(f.get("downsampled_copc") - 1);
    double uncorrected = Math.abs(f.get("downsampled_uncorrected_copc") - 1);
    assertTrue(
        corrected < uncorrected && uncorrected > 0.5,
        "the log(r) correction restores calibration: " + corrected + " vs " + uncorrected);
  }
}
