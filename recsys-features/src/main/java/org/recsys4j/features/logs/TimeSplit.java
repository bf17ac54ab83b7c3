package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.recsys4j.core.Check;

/**
 * Splits by day so that a model never trains on the future: train is every day {@code <
 * firstTestDay}, test every day {@code >= firstTestDay}.
 *
 * <p>Works on any element type given a day key, and keeps the input order inside each side.
 * Immutable and thread-safe; one instance can split many lists (or decide day by day with {@link
 * #isTest(int)} when days are streamed).
 */
public final class TimeSplit {
  private final int firstTestDay;

  private TimeSplit(int firstTestDay) {
    this.firstTestDay = firstTestDay;
  }

  /**
   * A split with train = days {@code < firstTestDay} and test = days {@code >= firstTestDay}.
   *
   * @throws IllegalArgumentException if {@code firstTestDay < 0}
   */
  public static TimeSplit atDay(int firstTestDay) {
    return new TimeSplit(Check.nonNegative("timeSplit.firstTestDay", firstTestDay));
  }

  /** The first day that belongs to the test side. */
  public int firstTestDay() {
    return firstTestDay;
  }

  /** Whether {@code day} belongs to the test side. */
  public boolean isTest(int day) {
    return day >= firstTestDay;
  }

  /** Splits labelled samples by {@link LabeledSample#day()}. */
  public Split<LabeledSample> split(List<LabeledSample> samples) {
    return split(samples, LabeledSample::day);
  }

  /** Splits {@code items} by {@code dayKey}, keeping the input order within each side. */
  public <T> Split<T> split(List<T> items, ToIntFunction<? super T> dayKey) {
    Check.notNull("items", items);
    Check.notNull("dayKey", dayKey);
    List<T> train = new ArrayList<>();
    List<T> test = new ArrayList<>();
    for (T item : items) {
      (isTest(dayKey.applyAsInt(item)) ? test : train).add(item);
    }
    return new Split<>(train, test);
  }

  @Override
  public String toString() {
    return "TimeSplit[firstTestDay=" + firstTestDay + "]";
  }

  /**
   * The two sides of a split.
   *
   * @param train elements of days {@code < firstTestDay}, in input order
   * @param test elements of days {@code >= firstTestDay}, in input order
   * @param <T> element type
   */
  public record Split<T>(List<T> train, List<T> test) {
    /** Copies both lists. */
    public Split {
      train = List.copyOf(train);
      test = List.copyOf(test);
    }
  }
}
