package org.recsys4j.features.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@PropertyDefaults(tries = 200)
class ShufflesProperties {
  /** An element: its day and a unique serial number. */
  private record Row(int day, int serial) {}

  private static List<Row> rows(List<Integer> days) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      out.add(new Row(days.get(i), i));
    }
    return out;
  }

  private static Map<Integer, List<Row>> byDay(List<Row> rows) {
    Map<Integer, List<Row>> m = new HashMap<>();
    rows.forEach(r -> m.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r));
    return m;
  }

  @Property
  void isAPermutationThatKeepsEveryPositionsDay(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 4) Integer> days, @ForAll long seed) {
    List<Row> in = rows(days);
    List<Row> out = Shuffles.withinGroups(in, Row::day, seed);
    assertEquals(in.size(), out.size());
    for (int i = 0; i < in.size(); i++) {
      assertEquals(in.get(i).day(), out.get(i).day(), "day at position " + i);
    }
    List<Integer> serials = new ArrayList<>(out.stream().map(Row::serial).toList());
    serials.sort(Integer::compare);
    assertEquals(in.stream().map(Row::serial).toList(), serials, "a permutation");
  }

  @Property
  void isDeterministicAndEachDayIgnoresTheOthers(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 4) Integer> days, @ForAll long seed) {
    List<Row> in = rows(days);
    List<Row> out = Shuffles.withinGroups(in, Row::day, seed);
    assertEquals(out, Shuffles.withinGroups(in, Row::day, seed));
    // drop day 0: the order of every other day is unchanged
    List<Row> without = in.stream().filter(r -> r.day() != 0).toList();
    Map<Integer, List<Row>> a = byDay(Shuffles.withinGroups(without, Row::day, seed));
    Map<Integer, List<Row>> b = byDay(out);
    b.remove(0);
    assertEquals(b, a);
  }

  @Example
  void shufflesWithinADayAndDependsOnTheSeed() {
    List<Integer> days = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      days.add(i / 50); // two sorted days of 50
    }
    List<Row> in = rows(days);
    List<Row> a = Shuffles.withinGroups(in, Row::day, 1L);
    List<Row> b = Shuffles.withinGroups(in, Row::day, 2L);
    assertNotEquals(in, a, "rows moved");
    assertNotEquals(a, b, "seed matters");
    assertEquals(
        in.subList(0, 50).stream().map(Row::day).toList(),
        a.subList(0, 50).stream().map(Row::day).toList());
  }

  @Example
  void withinDayUsesTheSampleDay() {
    List<LabeledSample> samples = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      samples.add(LabeledSample.of(LogFixtures.exposure(i, i / 20), false, false));
    }
    List<LabeledSample> out = Shuffles.withinDay(samples, 5L);
    assertEquals(
        samples.stream().map(LabeledSample::day).toList(),
        out.stream().map(LabeledSample::day).toList());
    assertNotEquals(samples, out);
  }
}
