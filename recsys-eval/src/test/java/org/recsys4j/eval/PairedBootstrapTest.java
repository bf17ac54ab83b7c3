package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {
  /**
   * Simulated data with a known gap: within every user, scores are mu * label + Gaussian noise, so
   * both the AUC and the expected per-user AUC of a model are P(X > Y) = Phi(mu / sqrt(2)). Model
   * B's noise is correlated with model A's (rho), as for two models scored on the same rows.
   */
  private record Simulation(double[] a, double[] b, int[] y, long[] g) {
    static Simulation draw(long seed, int users, double muA, double muB, double rho) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int[] sizes = new int[users];
      int n = 0;
      for (int u = 0; u < users; u++) {
        sizes[u] = 5 + rnd.nextInt(20);
        n += sizes[u];
      }
      double[] a = new double[n];
      double[] b = new double[n];
      int[] y = new int[n];
      long[] g = new long[n];
      int i = 0;
      for (int u = 0; u < users; u++) {
        for (int k = 0; k < sizes[u]; k++, i++) {
          y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
          double e = rnd.nextGaussian();
          double f = rho * e + Math.sqrt(1 - rho * rho) * rnd.nextGaussian();
          a[i] = muA * y[i] + e;
          b[i] = muB * y[i] + f;
          g[i] = 1_000_003L * u + 17;
        }
      }
      return new Simulation(a, b, y, g);
    }
  }

  /** Standard normal CDF via Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
  private static double phi(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * z);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  @Test
  void intervalsCoverTheKnownGap() {
    double muA = 1.0;
    double muB = 0.6;
    double trueGap = phi(muA / Math.sqrt(2)) - phi(muB / Math.sqrt(2)); // ~0.095
    PairedBootstrap bootstrap =
        PairedBootstrap.builder().resamples(300).level(0.95).seed(5).build();
    int simulations = 30;
    int aucCovered = 0;
    int gaucCovered = 0;
    int aucExcludesZero = 0;
    double widthSum = 0;
    for (int sim = 0; sim < simulations; sim++) {
      Simulation d = Simulation.draw(1000 + sim, 150, muA, muB, 0.5);
      PairedBootstrapResult r = bootstrap.compare(d.a(), d.b(), d.y(), d.g());
      aucCovered += r.auc().contains(trueGap) ? 1 : 0;
      gaucCovered += r.groupAuc().contains(trueGap) ? 1 : 0;
      aucExcludesZero += r.auc().lower() > 0 ? 1 : 0;
      widthSum += r.auc().upper() - r.auc().lower();
    }
    // nominal 95%: expect ~28.5 of 30; 25 or fewer has probability < 3% under correct coverage
    assertTrue(aucCovered >= 26, "AUC intervals covered the true gap " + aucCovered + "/30");
    assertTrue(gaucCovered >= 26, "GAUC intervals covered the true gap " + gaucCovered + "/30");
    assertTrue(aucExcludesZero >= 26, "AUC intervals excluded 0 in " + aucExcludesZero + "/30");
    double meanWidth = widthSum / simulations;
    // ~2000 rows: the standard error of the paired difference is ~0.012, so width ~0.05
    assertTrue(meanWidth > 0.02 && meanWidth < 0.12, "mean width " + meanWidth);
  }

  @Test
  void observedIsTheFullSampleDifferenceAndMeanIsClose() {
    Simulation d = Simulation.draw(77, 200, 1.0, 0.6, 0.5);
    PairedBootstrapResult r =
        PairedBootstrap.builder()
            .resamples(400)
            .seed(1)
            .weighting(GroupAuc.Weighting.CLICKS)
            .build()
            .compare(d.a(), d.b(), d.y(), d.g());
    assertEquals(Auc.exact(d.a(), d.y()) - Auc.exact(d.b(), d.y()), r.auc().observed(), 1e-15);
    double gaucA = GroupAuc.compute(d.a(), d.y(), d.g(), GroupAuc.Weighting.CLICKS).value();
    double gaucB = GroupAuc.compute(d.b(), d.y(), d.g(), GroupAuc.Weighting.CLICKS).value();
    assertEquals(gaucA - gaucB, r.groupAuc().observed(), 1e-15);
    assertEquals(r.auc().observed(), r.auc().mean(), 2 * r.auc().standardError() / Math.sqrt(20));
    assertTrue(r.auc().lower() < r.auc().mean() && r.auc().mean() < r.auc().upper());
    assertEquals(400, r.auc().resamples());
    assertEquals(0.95, r.auc().level(), 0.0);
  }

  @Test
  void identicalModelsGiveAZeroInterval() {
    Simulation d = Simulation.draw(3, 50, 1.0, 1.0, 0.0);
    PairedBootstrapResult r =
        PairedBootstrap.builder().resamples(50).build().compare(d.a(), d.a(), d.y(), d.g());
    assertEquals(0.0, r.auc().lower(), 0.0);
    assertEquals(0.0, r.auc().upper(), 0.0);
    assertEquals(0.0, r.groupAuc().standardError(), 0.0);
  }

  @Test
  void seededAndReproducible() {
    Simulation d = Simulation.draw(9, 60, 1.0, 0.7, 0.3);
    PairedBootstrap p = PairedBootstrap.builder().resamples(100).seed(42).build();
    PairedBootstrapResult first = p.compare(d.a(), d.b(), d.y(), d.g());
    assertEquals(first, p.compare(d.a(), d.b(), d.y(), d.g()));
    assertEquals(first, p.toBuilder().build().compare(d.a(), d.b(), d.y(), d.g()));
    assertNotEquals(first, p.toBuilder().seed(43).build().compare(d.a(), d.b(), d.y(), d.g()));
  }

  @Test
  void swappingModelsMirrorsTheInterval() {
    // Same seed, same resamples: every replicate difference is negated, so the lower percentile
    // of A - B is minus the upper percentile of B - A (and the interval is centred on the level).
    Simulation d = Simulation.draw(12, 80, 1.0, 0.7, 0.3);
    PairedBootstrap p = PairedBootstrap.builder().resamples(200).level(0.8).seed(4).build();
    PairedBootstrapResult ab = p.compare(d.a(), d.b(), d.y(), d.g());
    PairedBootstrapResult ba = p.compare(d.b(), d.a(), d.y(), d.g());
    for (DifferenceInterval[] pair :
        new DifferenceInterval[][] {{ab.auc(), ba.auc()}, {ab.groupAuc(), ba.groupAuc()}}) {
      assertEquals(-pair[1].upper(), pair[0].lower(), 1e-15);
      assertEquals(-pair[1].lower(), pair[0].upper(), 1e-15);
      assertEquals(-pair[1].mean(), pair[0].mean(), 1e-15);
      assertEquals(-pair[1].observed(), pair[0].observed(), 1e-15);
    }
  }

  @Test
  void quantileIsTypeSeven() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(1.0, PairedBootstrap.quantile(x, 0.0), 0.0);
    assertEquals(5.0, PairedBootstrap.quantile(x, 1.0), 0.0);
    assertEquals(1.1, PairedBootstrap.quantile(x, 0.025), 1e-15); // h = 0.1
    assertEquals(3.0, PairedBootstrap.quantile(x, 0.5), 0.0);
  }

  @Test
  void builderValidatesAndRoundTrips() {
    PairedBootstrap p =
        PairedBootstrap.builder()
            .resamples(10)
            .level(0.9)
            .seed(3)
            .weighting(GroupAuc.Weighting.UNWEIGHTED)
            .build();
    PairedBootstrap q = p.toBuilder().build();
    assertEquals(p.toString(), q.toString());
    assertEquals(10, q.resamples());
    assertEquals(0.9, q.level(), 0.0);
    assertEquals(3, q.seed());
    assertEquals(GroupAuc.Weighting.UNWEIGHTED, q.weighting());
    IllegalArgumentException level =
        assertThrows(
            IllegalArgumentException.class, () -> PairedBootstrap.builder().level(1.0).build());
    assertEquals("pairedBootstrap.level=1.0 must be in (0, 1)", level.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> PairedBootstrap.builder().resamples(0).build());
  }

  @Test
  void inputErrorsNameTheArray() {
    PairedBootstrap p = PairedBootstrap.builder().resamples(10).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                p.compare(
                    new double[] {0.1, 0.2},
                    new double[] {0.1, Double.NaN},
                    new int[] {0, 1},
                    new long[] {1, 1}));
    assertEquals("scoresB[1]=NaN must be finite", e.getMessage());
  }
}
