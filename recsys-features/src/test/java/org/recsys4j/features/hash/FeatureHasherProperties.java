package org.recsys4j.features.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 500)
class FeatureHasherProperties {

  @Property
  void indexIsInOneToSpaceMinusOne(
      @ForAll String field, @ForAll String value, @ForAll @IntRange(min = 2) int space) {
    int index = FeatureHasher.index(field, value, space);
    assertTrue(index >= 1 && index <= space - 1, "index=" + index + " space=" + space);
  }

  @Property
  void longOverloadEqualsDecimalString(
      @ForAll String field, @ForAll long value, @ForAll @IntRange(min = 2) int space) {
    assertEquals(
        FeatureHasher.index(field, Long.toString(value), space),
        FeatureHasher.index(field, value, space));
  }

  /** The documented contract, computed from Guava directly on the concatenated bytes. */
  @Property
  void hashIsMurmur3OfFieldSeparatorValue(@ForAll String field, @ForAll String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(field.getBytes(StandardCharsets.UTF_8));
    bytes.write(0xFF);
    bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    int expected = Hashing.murmur3_32_fixed(0x5EED0001).hashBytes(bytes.toByteArray()).asInt();
    assertEquals(expected, FeatureHasher.hash32(field, value));
    assertEquals(
        1 + Integer.remainderUnsigned(expected, 999), FeatureHasher.index(field, value, 1000));
  }
}
