package org.recsys4j.features.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.BatchStream;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.features.io.DelimitedFormat;

/** CSV days through the encoder: the same ids as encoding the rows directly, in day order. */
class DelimitedBatchSourceTest {
  @TempDir Path dir;

  private static FeatureSchema schema() {
    return FeatureSchema.builder()
        .add(CategoricalSpec.hashed("user").space(50).embeddingDim(4).build())
        .add(NumericSpec.normalized("price").mean(2).std(1).build())
        .build();
  }

  @Test
  void encodesEachDayInOrder() throws Exception {
    Path d1 = dir.resolve("d1.csv");
    Path d2 = dir.resolve("d2.csv");
    Files.writeString(d1, "user,price,click\nu1,1.5,1\nu2,2.5,0\nu3,3,0\n");
    Files.writeString(d2, "click,user,price\n1,u4,4\n0,u1,0\n");
    BatchSource s =
        DelimitedBatchSource.of(
            List.of(d1, d2),
            DelimitedFormat.csv().toBuilder().header(true).build(),
            schema(),
            "click",
            2,
            Shuffle.NONE,
            0);
    assertEquals(Map.of("ids", 1), s.layout().intWidths());
    FeatureEncoder direct = FeatureEncoder.of(schema());
    List<int[]> ids = new ArrayList<>();
    List<Float> labels = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    try (BatchStream st = s.open(0)) {
      for (TrainingBatch b; (b = st.next()) != null; ) {
        sizes.add(b.size());
        for (int i = 0; i < b.size(); i++) {
          ids.add(new int[] {b.inputs().ints("ids")[i]});
          labels.add(b.labels().get("click")[i]);
        }
      }
    }
    assertEquals(List.of(2, 1, 2), sizes, "a batch never mixes days");
    assertEquals(List.of(1f, 0f, 0f, 1f, 0f), labels);
    String[] users = {"u1", "u2", "u3", "u4", "u1"};
    for (int i = 0; i < users.length; i++) {
      assertArrayEquals(
          direct.encode(Map.of("user", users[i])).ints("ids"), ids.get(i), "row " + i);
    }
  }

  @Test
  void aBadLabelIsANamedError() throws Exception {
    Path d = dir.resolve("bad.csv");
    Files.writeString(d, "user,price,click\nu1,1.5,1\nu2,2.5,2\n");
    BatchSource s =
        DelimitedBatchSource.of(
            List.of(d),
            DelimitedFormat.csv().toBuilder().header(true).build(),
            schema(),
            "click",
            8,
            Shuffle.NONE,
            0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              try (BatchStream st = s.open(0)) {
                st.next();
              }
            });
    assertTrue(
        e.getMessage().endsWith("bad.csv:3: label click='2' must be a number in [0,1]"),
        e.getMessage());
  }
}
