package org.recsys4j.features.logs;

/**
 * The attribution rules of {@link StitchConfig} for one exposure, shared by {@link LogStitcher} and
 * {@link StreamingStitcher} so that both label alike.
 */
final class Attribution {
  /** Label code: not clicked. */
  static final int NONE = 0;

  /** Label code: clicked, no conversion. */
  static final int CLICK = 1;

  /** Label code: clicked and converted. */
  static final int CONVERSION = 3;

  private Attribution() {}

  /**
   * Classifies the click rows {@code clickTs[cFrom..cTo)} and order rows {@code
   * orderTs[oFrom..oTo)} of the exposure at {@code te} (each in log order), adds them to {@code
   * counts} (with the exposure itself) and returns the label code. Sets {@link
   * Counts#lastOrderSkewFloor}.
   */
  static int classify(
      long te,
      long[] clickTs,
      int cFrom,
      int cTo,
      long[] orderTs,
      int oFrom,
      int oTo,
      StitchConfig config,
      Counts counts) {
    counts.exposures++;
    long clickFloor = clickSkewFloor(te, config);
    long clickDeadline = StitchConfig.plus(te, config.clickWindowMillis());
    boolean earliest = config.duplicatePolicy() == StitchConfig.DuplicatePolicy.KEEP_EARLIEST;
    boolean clicked = false;
    long clickTime = 0;
    for (int i = cFrom; i < cTo; i++) {
      long t = clickTs[i];
      if (t < clickFloor) {
        counts.skewedClicks++;
      } else if (t > clickDeadline) {
        counts.lateClicks++;
      } else if (!clicked) {
        clicked = true;
        clickTime = t;
      } else {
        counts.duplicateClicks++;
        if (earliest && t < clickTime) {
          clickTime = t;
        }
      }
    }
    if (clicked) {
      counts.clicks++;
    }

    long anchor;
    long orderDeadline;
    if (config.orderAnchor() == StitchConfig.OrderAnchor.EXPOSURE) {
      anchor = te;
      orderDeadline = StitchConfig.plus(te, config.orderWindowMillis());
    } else if (clicked) {
      anchor = clickTime;
      orderDeadline = StitchConfig.plus(clickTime, config.orderWindowMillis());
    } else {
      anchor = te;
      orderDeadline =
          StitchConfig.plus(
              te, StitchConfig.plus(config.clickWindowMillis(), config.orderWindowMillis()));
    }
    long orderFloor = StitchConfig.minus(anchor, config.maxClockSkewMillis());
    counts.lastOrderSkewFloor = orderFloor;
    counts.lastAttributedOrder = -1;
    boolean ordered = false;
    for (int i = oFrom; i < oTo; i++) {
      long t = orderTs[i];
      if (t < orderFloor) {
        counts.skewedOrders++;
      } else if (t > orderDeadline) {
        counts.lateOrders++;
      } else if (!ordered) {
        ordered = true;
        counts.lastAttributedOrder = i;
      } else {
        counts.duplicateOrders++;
      }
    }
    if (ordered) {
      counts.orders++;
      if (!clicked) {
        counts.ordersWithoutClick++;
      }
    }
    return !clicked ? NONE : ordered ? CONVERSION : CLICK;
  }

  /** Click rows before this time are skewed. */
  static long clickSkewFloor(long te, StitchConfig config) {
    return StitchConfig.minus(te, config.maxClockSkewMillis());
  }

  /** Mutable counters behind a {@link StitchReport}. */
  static final class Counts {
    long exposures;
    long clicks;
    long duplicateClicks;
    long orphanClicks;
    long orders;
    long duplicateOrders;
    long orphanOrders;
    long ordersWithoutClick;
    long lateClicks;
    long skewedClicks;
    long lateOrders;
    long skewedOrders;

    /** Order rows before this time were skewed for the exposure classified last. */
    long lastOrderSkewFloor;

    /** Index of the attributed order row of the exposure classified last, or -1. */
    int lastAttributedOrder = -1;

    StitchReport toReport() {
      return new StitchReport(
          exposures,
          clicks,
          duplicateClicks,
          orphanClicks,
          orders,
          duplicateOrders,
          orphanOrders,
          ordersWithoutClick,
          lateClicks,
          skewedClicks,
          lateOrders,
          skewedOrders);
    }
  }
}
