package org.recsys4j.features.logs;

import java.util.Arrays;
import org.recsys4j.core.Check;

/**
 * An immutable behaviour sequence: a user's most recent clicked item ids, oldest first and most
 * recent last, with the category of each.
 *
 * <p>The two sequences are aligned by construction: {@code category(i)} is the category of {@code
 * item(i)}. Instances are values ({@code equals} compares content) and can be shared: the simulator
 * gives every exposure of one request the same instance. Read without allocating via {@link
 * #size()}, {@link #item(int)} and {@link #category(int)}; {@link #items()} and {@link
 * #categories()} return copies.
 */
public final class ClickHistory {
  /** The empty history. */
  public static final ClickHistory EMPTY = new ClickHistory(new int[0], new int[0]);

  private final int[] items;
  private final int[] categories;

  private ClickHistory(int[] items, int[] categories) {
    this.items = items;
    this.categories = categories;
  }

  /**
   * A history of {@code items} (most recent last) with their {@code categories}; both are copied.
   *
   * @throws IllegalArgumentException if an array is null, the lengths differ or an id is negative
   */
  public static ClickHistory of(int[] items, int[] categories) {
    Check.notNull("clickHistory.items", items);
    Check.notNull("clickHistory.categories", categories);
    if (categories.length != items.length) {
      Check.arg(
          false,
          "clickHistory.categories.length",
          categories.length,
          "must equal items.length=" + items.length);
    }
    for (int i = 0; i < items.length; i++) {
      if (items[i] < 0 || categories[i] < 0) {
        Check.arg(
            false,
            "clickHistory[" + i + "]",
            "item=" + items[i] + ", category=" + categories[i],
            "must hold ids >= 0");
      }
    }
    return items.length == 0 ? EMPTY : new ClickHistory(items.clone(), categories.clone());
  }

  /** Number of clicks in the sequence. */
  public int size() {
    return items.length;
  }

  /** Whether the sequence is empty. */
  public boolean isEmpty() {
    return items.length == 0;
  }

  /**
   * The {@code i}-th clicked item id; {@code size()-1} is the most recent.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int item(int i) {
    return items[i];
  }

  /**
   * The category of {@link #item(int) item(i)}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int category(int i) {
    return categories[i];
  }

  /** A copy of the item ids, most recent last. */
  public int[] items() {
    return items.clone();
  }

  /** A copy of the categories, aligned with {@link #items()}. */
  public int[] categories() {
    return categories.clone();
  }

  /**
   * Whether {@code category} is among the categories of the last {@code window} clicks (all of them
   * if the sequence is shorter).
   *
   * @throws IllegalArgumentException if {@code window < 0}
   */
  public boolean hasCategoryInLast(int category, int window) {
    Check.nonNegative("window", window);
    for (int i = Math.max(0, categories.length - window); i < categories.length; i++) {
      if (categories[i] == category) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClickHistory h
        && Arrays.equals(items, h.items)
        && Arrays.equals(categories, h.categories);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(items) + Arrays.hashCode(categories);
  }

  @Override
  public String toString() {
    return "ClickHistory[items="
        + Arrays.toString(items)
        + ", categories="
        + Arrays.toString(categories)
        + "]";
  }
}
