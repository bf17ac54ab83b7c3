package org.recsys4j.features.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * {@link NumberText}: parsing agrees with Java's parser bit for bit; canonical text round trips.
 */
@PropertyDefaults(tries = 1000)
class NumberTextProperties {

  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
    return Combinators.combine(
            Arbitraries.of("", "-", "+"),
            digits,
            Arbitraries.of("", "."),
            digits,
            Arbitraries.of("", "e7", "E-3", "e+0", "e-300", "e308"))
        .as((sign, a, dot, b, exp) -> sign + a + dot + (dot.isEmpty() ? "" : b) + exp)
        .filter(NumberText::isDecimal);
  }

  @Property
  void parseDecimalEqualsDoubleParseDoubleBitForBit(@ForAll("decimals") String s) {
    assertEquals(
        Double.doubleToRawLongBits(Double.parseDouble(s)),
        Double.doubleToRawLongBits(NumberText.parseDecimal("x", s)),
        s);
  }

  @Property
  void canonicalDoubleReadsBackAndIsNoLongerThanJavas(@ForAll double d) {
    String c = NumberText.canonical(d);
    if (!Double.isFinite(d)) {
      assertEquals(null, c);
      return;
    }
    assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(c), c);
    String java = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    assertTrue(
        new BigDecimal(c).precision() <= new BigDecimal(java).precision(), c + " vs " + java);
    assertTrue(!c.contains("E") && !c.endsWith(".") && !(c.contains(".") && c.endsWith("0")), c);
  }

  @Property
  void canonicalFloatReadsBackAsTheSameFloat(@ForAll float f) {
    String c = NumberText.canonical(f);
    if (Float.isFinite(f)) {
      assertEquals(f == 0 ? 0f : f, Float.parseFloat(c), c);
      assertEquals(c, NumberText.canonical(Float.valueOf(f)));
    }
  }
}
