package org.recsys4j.features.logs;

import org.recsys4j.core.Check;

/**
 * One row of the exposure log: item {@code itemId} was shown to user {@code userId} at slate
 * position {@code position}.
 *
 * <p>{@code recentClicks} is the user's behaviour sequence at {@code timestampMillis}: the most
 * recent clicked items strictly before it, most recent last, with their categories (the input of
 * DIN/DIEN). {@link #recentClickedItems()} and {@link #recentClickedCategories()} return it as
 * aligned {@code int[]} copies; {@link #recentClickCount()}, {@link #recentClickedItem(int)} and
 * {@link #recentClickedCategory(int)} read it without allocating. The record is immutable.
 *
 * @param traceId unique id of this exposure; clicks and orders refer to it
 * @param timestampMillis epoch milliseconds when the slate was shown
 * @param day zero-based day index of the log the row belongs to
 * @param userId user id, {@code >= 0}
 * @param itemId item id, {@code >= 0}
 * @param categoryId category id of the item, {@code >= 0}
 * @param priceBucket price bucket of the item, in {@code 0..NUM_PRICE_BUCKETS-1} (0 is the
 *     cheapest)
 * @param position zero-based slate position (0 is the top)
 * @param hourOfDay hour of {@code timestampMillis} in UTC, in {@code 0..23}
 * @param deviceType client of the request
 * @param userSegment lifecycle segment of the user on this day
 * @param recentClicks the user's most recent clicks before this exposure, most recent last
 */
public record Exposure(
    long traceId,
    long timestampMillis,
    int day,
    int userId,
    int itemId,
    int categoryId,
    int priceBucket,
    int position,
    int hourOfDay,
    DeviceType deviceType,
    UserSegment userSegment,
    ClickHistory recentClicks) {

  /** Number of price buckets; {@code priceBucket} is in {@code 0..NUM_PRICE_BUCKETS-1}. */
  public static final int NUM_PRICE_BUCKETS = 10;

  /**
   * Validates ranges.
   *
   * @throws IllegalArgumentException if an id or the day is negative, a bucket, position or hour is
   *     out of range, or a reference is null
   */
  public Exposure {
    Check.nonNegative("exposure.day", day);
    Check.nonNegative("exposure.userId", userId);
    Check.nonNegative("exposure.itemId", itemId);
    Check.nonNegative("exposure.categoryId", categoryId);
    Check.inRange("exposure.priceBucket", priceBucket, 0, NUM_PRICE_BUCKETS - 1);
    Check.nonNegative("exposure.position", position);
    Check.inRange("exposure.hourOfDay", hourOfDay, 0, 23);
    Check.notNull("exposure.deviceType", deviceType);
    Check.notNull("exposure.userSegment", userSegment);
    Check.notNull("exposure.recentClicks", recentClicks);
  }

  /** A copy of the recent clicked item ids, most recent last (at most the history length). */
  public int[] recentClickedItems() {
    return recentClicks.items();
  }

  /** A copy of the categories of the recent clicked items, aligned with the item ids. */
  public int[] recentClickedCategories() {
    return recentClicks.categories();
  }

  /** Length of the behaviour sequence. */
  public int recentClickCount() {
    return recentClicks.size();
  }

  /**
   * The {@code i}-th recent clicked item id, {@code i = recentClickCount()-1} being the most
   * recent.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int recentClickedItem(int i) {
    return recentClicks.item(i);
  }

  /**
   * The category of {@link #recentClickedItem(int) recentClickedItem(i)}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int recentClickedCategory(int i) {
    return recentClicks.category(i);
  }

  /**
   * Whether this exposure's {@code categoryId} is among the categories of the last {@code window}
   * recent clicks: the condition of the simulator's recent-interest boost.
   *
   * @throws IllegalArgumentException if {@code window < 0}
   */
  public boolean categoryInLastClicks(int window) {
    return recentClicks.hasCategoryInLast(categoryId, window);
  }
}
