package org.recsys4j.features.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;

/**
 * Issue 7, defect 5: the user id {@code "7"}, {@code 7} and {@code 7L} encoded to one id but {@code
 * 7.0} to another, so CSV training and typed serving disagreed; and numeric fields read {@code
 * "40f"} and {@code "0x1p3"} as 40 and 8. Numbers in categorical fields now have one canonical
 * text, and numeric fields accept decimal notation only.
 */
class Defect05CanonicalNumbersTest {
  private final FeatureEncoder enc =
      FeatureEncoder.of(
          FeatureSchema.builder()
              .add(CategoricalSpec.hashed("user").space(1000).embeddingDim(2).build())
              .add(NumericSpec.normalized("price").build())
              .build());

  private int userId(Object v) {
    return enc.encode(Map.of("user", v)).ints("ids")[0];
  }

  @Test
  void sevenHasOneIdWhateverItsJavaType() {
    int expected = userId("7");
    for (Object v :
        List.of(
            7, 7L, (short) 7, (byte) 7, 7.0, 7.0f, new BigDecimal("7.00"), BigInteger.valueOf(7))) {
      assertEquals(expected, userId(v), v + " (" + v.getClass().getSimpleName() + ")");
    }
    assertEquals(userId("0"), userId(-0.0), "-0.0 is 0");
  }

  @Test
  void fractionsUseTheShortestRoundTripDecimal() {
    assertEquals(userId("0.1"), userId(0.1));
    assertEquals(userId("0.1"), userId(0.1f), "a float by its own shortest decimal");
    assertEquals(userId("2.5"), userId(new BigDecimal("2.50")));
    assertEquals(userId("0.0000001"), userId(1e-7), "plain notation, no exponent");
    assertEquals(userId("200000000000000000000000"), userId(2e23), "not 2.0000000000000002E23");
    assertEquals(userId("-12.25"), userId(-12.25f));
  }

  @Test
  void categoricalStringsStayVerbatim() {
    assertNotEquals(userId("7"), userId("7.0"), "a string is an identifier, never parsed");
    assertNotEquals(userId("7"), userId("007"));
  }

  @Test
  void numericFieldsAcceptDecimalNotationOnly() {
    for (String bad :
        List.of(
            "40f", "0x1p3", "1d", "2.5D", "1e", "1e5x", ".", "--1", "1,5", "0x10", "Infinityx")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> enc.encode(Map.of("price", bad)), bad);
      assertEquals(
          "row.price='"
              + bad
              + "' must be a number in decimal notation: [sign] digits"
              + " [. digits] [e|E [sign] digits], e.g. -12, 3.5, 1e-3 (no hex, no f/d suffix)",
          e.getMessage());
    }
    Map<String, Float> good =
        Map.of(
            "12",
            12f,
            "-3.5",
            -3.5f,
            "+.5",
            0.5f,
            "5.",
            5f,
            "1e2",
            100f,
            "2.5E-1",
            0.25f,
            " 7 ",
            7f,
            "-70",
            -70f,
            "123456789012345678901",
            1.2345679e20f);
    good.forEach(
        (text, value) ->
            assertEquals(value, enc.encode(Map.of("price", text)).floats("dense")[0], text));
  }
}
