package org.recsys4j.features.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureHasherTest {
  /**
   * Golden values computed once with SEED=0x5EED0001 and separator 0xFF: {field, value, hash32,
   * index(space=1_000_003)}. Any change to the hashing contract fails here and breaks every saved
   * model's vocabulary.
   */
  private static final Object[][] GOLDEN = {
    {"userId", "42", -137377136, 581847},
    {"itemId", "12345", -1374216220, 745237},
    {"categoryId", "0", 1688729181, 725806},
    {"hour", "", -834310471, 649906},
    {"", "", 1876717101, 713350},
    {"city", "Z\u00fcrich", -928284722, 675843},
    {"ab", "c", -719634937, 325210},
    {"a", "bc", -1326702640, 258721},
    {"emoji", "\uD83D\uDE00", -998908485, 52220},
  };

  @Test
  void goldenValuesArePinned() {
    for (Object[] g : GOLDEN) {
      String field = (String) g[0];
      String value = (String) g[1];
      assertEquals((int) g[2], FeatureHasher.hash32(field, value), field + "=" + value);
      assertEquals((int) g[3], FeatureHasher.index(field, value, 1_000_003), field + "=" + value);
    }
    assertEquals(1038861, FeatureHasher.index("userId", 42L, 1 << 20));
    assertEquals(44, FeatureHasher.index("userId", -7L, 97));
  }

  @Test
  void separatorKeepsFieldAndValueApart() {
    assertNotEquals(FeatureHasher.hash32("ab", "c"), FeatureHasher.hash32("a", "bc"));
  }

  @Test
  void longValuesHashLikeTheirDecimalString() {
    assertEquals(
        FeatureHasher.index("userId", "42", 1000), FeatureHasher.index("userId", 42L, 1000));
    assertEquals(
        FeatureHasher.index("x", Long.toString(Long.MIN_VALUE), 77),
        FeatureHasher.index("x", Long.MIN_VALUE, 77));
  }

  @Test
  void spaceTwoMapsEverythingToOne() {
    assertEquals(1, FeatureHasher.index("userId", "42", 2));
    assertEquals(1, FeatureHasher.index("anything", 123L, 2));
  }

  @Test
  void rejectsSpacesBelowTwoAndNulls() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeatureHasher.index("userId", "42", 1));
    assertEquals("space=1 must be >= 2 (index 0 is reserved for padding)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureHasher.index("userId", "42", -5));
    e = assertThrows(IllegalArgumentException.class, () -> FeatureHasher.index(null, "42", 10));
    assertEquals("field=null must not be null", e.getMessage());
  }
}
