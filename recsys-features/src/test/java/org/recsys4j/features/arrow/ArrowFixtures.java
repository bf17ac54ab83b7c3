package org.recsys4j.features.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.features.encode.FeatureEncoder;

/** Schemas and filled batches shared by the arrow tests. */
final class ArrowFixtures {
  /** Hash space of the fixture's categoricals and sequences. */
  static final int SPACE = 1000;

  private ArrowFixtures() {}

  /**
   * An encoder with {@code cats} hashed categoricals, {@code dense} normalised numerics and one
   * sequence per entry of {@code seqLens} (its maxLen); at least one feature in total.
   */
  static FeatureEncoder encoder(int cats, int dense, int... seqLens) {
    FeatureSchema.Builder b = FeatureSchema.builder();
    for (int i = 0; i < cats; i++) {
      b.add(CategoricalSpec.hashed("c" + i).space(SPACE).embeddingDim(4).build());
    }
    for (int i = 0; i < dense; i++) {
      b.add(NumericSpec.normalized("n" + i).mean(0).std(1).build());
    }
    for (int i = 0; i < seqLens.length; i++) {
      b.add(SequenceSpec.builder("s" + i).space(SPACE).maxLen(seqLens[i]).embeddingDim(4).build());
    }
    return FeatureEncoder.of(b.build());
  }

  /**
   * A batch of {@code size} rows of {@code encoder}'s layout filled with arbitrary bits from {@code
   * seed}, including NaN payloads, -0.0 and infinities in the float inputs.
   */
  static EncodedBatch filled(FeatureEncoder encoder, int size, long seed) {
    Random r = new Random(seed);
    EncodedBatch b = encoder.newBatch(size);
    float[] special = {
      Float.NaN,
      -0f,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.MIN_VALUE,
      Float.intBitsToFloat(0x7fc00123)
    };
    for (int[] a : b.ints().values()) {
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextInt();
      }
    }
    for (float[] a : b.floats().values()) {
      for (int i = 0; i < a.length; i++) {
        a[i] =
            r.nextInt(8) == 0
                ? special[r.nextInt(special.length)]
                : Float.intBitsToFloat(r.nextInt());
      }
    }
    return b;
  }

  /** Asserts equal keys, sizes and bit-identical arrays. */
  static void assertSameBatch(EncodedBatch expected, EncodedBatch actual) {
    assertEquals(expected.size(), actual.size(), "size");
    assertEquals(expected.ints().keySet(), actual.ints().keySet(), "int keys");
    assertEquals(expected.floats().keySet(), actual.floats().keySet(), "float keys");
    for (Map.Entry<String, int[]> e : expected.ints().entrySet()) {
      assertEquals(
          Arrays.toString(e.getValue()), Arrays.toString(actual.ints(e.getKey())), e.getKey());
    }
    for (Map.Entry<String, float[]> e : expected.floats().entrySet()) {
      assertEquals(
          Arrays.toString(rawBits(e.getValue())),
          Arrays.toString(rawBits(actual.floats(e.getKey()))),
          e.getKey());
    }
  }

  /** The raw bits of {@code a}, so that NaN payloads and -0.0 are compared exactly. */
  static int[] rawBits(float[] a) {
    int[] bits = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      bits[i] = Float.floatToRawIntBits(a[i]);
    }
    return bits;
  }
}
