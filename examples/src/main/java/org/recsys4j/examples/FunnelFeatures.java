package org.recsys4j.examples;

import java.util.Arrays;
import java.util.List;
import org.recsys4j.features.hash.FeatureHasher;
import org.recsys4j.features.logs.Exposure;

/**
 * Encodes an exposure into the hashed ids of the FM's fields: user, item, category, price bucket,
 * position, hour, device and user segment. Hashing is {@link FeatureHasher} (field name mixed in,
 * ids in 1..V−1, 0 kept for padding); results are cached per field and value, since these fields
 * take small integer values.
 */
final class FunnelFeatures {
  /** Field names, in id order. */
  static final List<String> FIELDS =
      List.of("user", "item", "category", "price", "position", "hour", "device", "segment");

  private final int space;
  private final int[][] cache = new int[FIELDS.size()][];

  FunnelFeatures(int space) {
    this.space = space;
    for (int f = 0; f < cache.length; f++) {
      cache[f] = new int[0];
    }
  }

  int numFields() {
    return FIELDS.size();
  }

  /** Writes the exposure's ids at {@code out[off .. off+numFields)}. */
  void encode(Exposure e, int[] out, int off) {
    out[off] = id(0, e.userId());
    out[off + 1] = id(1, e.itemId());
    out[off + 2] = id(2, e.categoryId());
    out[off + 3] = id(3, e.priceBucket());
    out[off + 4] = id(4, e.position());
    out[off + 5] = id(5, e.hourOfDay());
    out[off + 6] = id(6, e.deviceType().ordinal());
    out[off + 7] = id(7, e.userSegment().ordinal());
  }

  private int id(int field, int value) {
    int[] c = cache[field];
    if (value >= c.length) {
      c = Arrays.copyOf(c, Math.max(value + 1, c.length * 2));
      cache[field] = c;
    }
    int id = c[value];
    if (id == 0) {
      id = FeatureHasher.index(FIELDS.get(field), value, space);
      c[value] = id;
    }
    return id;
  }
}
