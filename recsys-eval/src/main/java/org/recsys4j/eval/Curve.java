package org.recsys4j.eval;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * An immutable polyline of points {@code (x_i, y_i)}, {@code i = 0..size()-1}, as returned by
 * {@link Curves#roc} and {@link Curves#precisionRecall}. Accessors copy, so a curve can be shared.
 */
public final class Curve {
  private final double[] x;
  private final double[] y;

  Curve(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /** Number of points. */
  public int size() {
    return x.length;
  }

  /** The x coordinate of point {@code i}. */
  public double x(int i) {
    return x[i];
  }

  /** The y coordinate of point {@code i}. */
  public double y(int i) {
    return y[i];
  }

  /** A copy of the x coordinates. */
  public double[] xs() {
    return x.clone();
  }

  /** A copy of the y coordinates. */
  public double[] ys() {
    return y.clone();
  }

  /**
   * The trapezoidal area {@code sum_i (x_i - x_{i-1}) * (y_i + y_{i-1}) / 2}. For a ROC curve this
   * equals {@link Auc#exact} (ties count one half).
   */
  public double trapezoidalArea() {
    double area = 0;
    for (int i = 1; i < x.length; i++) {
      area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) * 0.5;
    }
    return area;
  }

  /**
   * A curve of at most {@code maxPoints} points keeping the first and last point and points at
   * evenly spaced indices in between (for plotting; areas are not preserved exactly).
   *
   * @throws IllegalArgumentException if {@code maxPoints < 2}
   */
  public Curve thinned(int maxPoints) {
    Check.arg(maxPoints >= 2, "maxPoints", maxPoints, "must be >= 2");
    if (x.length <= maxPoints) {
      return this;
    }
    double[] tx = new double[maxPoints];
    double[] ty = new double[maxPoints];
    for (int k = 0; k < maxPoints; k++) {
      int i = (int) Math.round((double) k * (x.length - 1) / (maxPoints - 1));
      tx[k] = x[i];
      ty[k] = y[i];
    }
    return new Curve(tx, ty);
  }

  @Override
  public String toString() {
    if (x.length <= 8) {
      return "Curve[x=" + Arrays.toString(x) + ", y=" + Arrays.toString(y) + "]";
    }
    return "Curve[" + x.length + " points]";
  }
}
