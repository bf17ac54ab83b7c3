package org.recsys4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, defect 13: a paired bootstrap over one user reported the 95% interval [0.3333, 0.3333]
 * with standard error 6e-16 and no warning. Too few users (or too few users that GAUC uses) must
 * fail with a message naming the count and the minimum.
 */
class Defect13PairedBootstrapMinGroupsTest {
  /** {@code users} users of {@code rowsPerUser} rows, labels alternating 0, 1 within a user. */
  private record Data(double[] a, double[] b, int[] y, long[] g) {
    static Data draw(long seed, int users, int rowsPerUser) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = users * rowsPerUser;
      double[] a = new double[n];
      double[] b = new double[n];
      int[] y = new int[n];
      long[] g = new long[n];
      for (int i = 0; i < n; i++) {
        y[i] = i % 2;
        a[i] = y[i] + rnd.nextGaussian();
        b[i] = 0.5 * y[i] + rnd.nextGaussian();
        g[i] = 100 + i / rowsPerUser;
      }
      return new Data(a, b, y, g);
    }
  }

  @Test
  void oneUserIsRejectedNotAZeroWidthInterval() {
    // the shape: one user, model A ranks 2 of 3 pairs right more than B
    double[] a = {0.9, 0.2, 0.5, 0.1};
    double[] b = {0.1, 0.2, 0.5, 0.9};
    int[] y = {1, 0, 1, 0};
    long[] g = {7, 7, 7, 7};
    PairedBootstrap p = PairedBootstrap.builder().resamples(200).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.compare(a, b, y, g));
    assertEquals(
        "groupIds.distinct=1 must be >= pairedBootstrap.minGroups=10: with fewer users the"
            + " bootstrap interval is undefined (one user gives a zero-width interval); evaluate"
            + " more users or lower minGroups knowingly",
        e.getMessage());
  }

  @Test
  void theMinimumIsInclusiveAndGivesARealInterval() {
    PairedBootstrap p = PairedBootstrap.builder().resamples(200).seed(3).build();
    assertEquals(PairedBootstrap.DEFAULT_MIN_GROUPS, p.minGroups());
    Data nine = Data.draw(1, 9, 8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> p.compare(nine.a(), nine.b(), nine.y(), nine.g()));
    assertTrue(e.getMessage().startsWith("groupIds.distinct=9 must be >= "), e.getMessage());

    Data ten = Data.draw(1, 10, 8);
    PairedBootstrapResult r = p.compare(ten.a(), ten.b(), ten.y(), ten.g());
    for (DifferenceInterval d : new DifferenceInterval[] {r.auc(), r.groupAuc()}) {
      assertTrue(d.upper() - d.lower() > 0.01, "width of " + d);
      assertTrue(d.standardError() > 1e-3, "standard error of " + d);
    }
  }

  @Test
  void tooFewUsersWithBothClassesRejectsTheGaucInterval() {
    // 40 users, only 4 of them with both classes: AUC has 40 resampling units, GAUC only 4
    Data d = Data.draw(2, 40, 6);
    int[] y = d.y().clone();
    for (int i = 4 * 6; i < y.length; i++) {
      y[i] = (int) ((d.g()[i] / 2) % 2); // users 124.. alternate all-0 / all-1
    }
    PairedBootstrap p = PairedBootstrap.builder().resamples(50).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.compare(d.a(), d.b(), y, d.g()));
    assertEquals(
        "groupIds.usedByGauc=4 must be >= pairedBootstrap.minGroups=10 (users with both classes"
            + " and non-constant scores, fewest of the two models; 40 users in all): the GAUC"
            + " interval is undefined with fewer",
        e.getMessage());
  }

  @Test
  void minGroupsCanBeLoweredToTwoButNotToOne() {
    Data two = Data.draw(4, 2, 10);
    PairedBootstrapResult r =
        PairedBootstrap.builder()
            .resamples(100)
            .minGroups(2)
            .build()
            .compare(two.a(), two.b(), two.y(), two.g());
    assertEquals(100, r.auc().resamples());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PairedBootstrap.builder().minGroups(1).build());
    assertEquals("pairedBootstrap.minGroups=1 must be in [2, 1000000000]", e.getMessage());
    assertEquals(2, PairedBootstrap.builder().minGroups(2).build().toBuilder().build().minGroups());
  }
}
