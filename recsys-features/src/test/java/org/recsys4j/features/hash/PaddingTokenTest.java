package org.recsys4j.features.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The raw data's padding token becomes id 0, whatever it is; real values never do. */
class PaddingTokenTest {
  private static final int SPACE = 1 << 16;

  @Test
  void seedPaddingTokenMapsToZero() {
    int[] ids =
        FeatureHasher.indexSequence(
            "clicked_items", Arrays.asList("812", "77", "S:-1", "S:-1"), SPACE, "S:-1");
    assertEquals(FeatureHasher.index("clicked_items", "812", SPACE), ids[0]);
    assertEquals(FeatureHasher.index("clicked_items", "77", SPACE), ids[1]);
    assertArrayEquals(new int[] {0, 0}, Arrays.copyOfRange(ids, 2, 4));
  }

  @Test
  void nullAndEmptyArePaddingToo() {
    int[] ids = FeatureHasher.indexSequence("s", Arrays.asList("a", null, ""), SPACE, null);
    assertTrue(ids[0] > 0);
    assertEquals(0, ids[1]);
    assertEquals(0, ids[2]);
  }

  @Test
  void realValuesNeverMapToZero() {
    for (int v = 0; v < 20_000; v++) {
      assertTrue(FeatureHasher.indexOrPadding("f", Integer.toString(v), 7, "S:-1") >= 1);
    }
  }
}
