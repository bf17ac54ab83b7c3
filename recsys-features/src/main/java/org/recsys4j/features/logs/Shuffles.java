package org.recsys4j.features.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import org.recsys4j.core.Check;

/**
 * Deterministic shuffles that never move an element across days.
 *
 * <p>{@link #withinGroups} permutes the elements of each day among the positions that day occupies
 * in the input, so the output's day sequence equals the input's (in particular, sorted days stay
 * sorted) and only the order within a day changes. The permutation of a day depends only on the
 * seed, the day key and that day's element count, not on other days, so adding a day leaves the
 * others' order unchanged. The random source is {@link SplittableRandom}, whose output is specified
 * and therefore stable across JDKs.
 */
public final class Shuffles {
  private Shuffles() {}

  /** Shuffles samples within each {@link LabeledSample#day() day}; see {@link #withinGroups}. */
  public static List<LabeledSample> withinDay(List<LabeledSample> samples, long seed) {
    return withinGroups(samples, LabeledSample::day, seed);
  }

  /**
   * Returns a new unmodifiable list in which the elements with the same key are permuted among the
   * positions of that key, deterministically for a given seed.
   */
  public static <T> List<T> withinGroups(
      List<T> items, ToIntFunction<? super T> dayKey, long seed) {
    Check.notNull("items", items);
    Check.notNull("dayKey", dayKey);
    int n = items.size();
    int[] keys = new int[n];
    Map<Integer, int[]> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      keys[i] = dayKey.applyAsInt(items.get(i));
      counts.computeIfAbsent(keys[i], k -> new int[1])[0]++;
    }
    Map<Integer, int[]> positions = new HashMap<>();
    Map<Integer, int[]> filled = new HashMap<>();
    for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
      positions.put(e.getKey(), new int[e.getValue()[0]]);
      filled.put(e.getKey(), new int[1]);
    }
    for (int i = 0; i < n; i++) {
      positions.get(keys[i])[filled.get(keys[i])[0]++] = i;
    }
    Object[] out = new Object[n];
    for (Map.Entry<Integer, int[]> e : positions.entrySet()) {
      int[] pos = e.getValue();
      int[] perm = Arrays.copyOf(pos, pos.length);
      SplittableRandom rnd = new SplittableRandom(mix(seed, e.getKey()));
      for (int i = perm.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      for (int j = 0; j < pos.length; j++) {
        out[pos[j]] = items.get(perm[j]);
      }
    }
    List<T> result = new ArrayList<>(n);
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      T t = (T) o;
      result.add(t);
    }
    return Collections.unmodifiableList(result);
  }

  private static long mix(long seed, int key) {
    long z = seed + 0x9E3779B97F4A7C15L * (key + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
