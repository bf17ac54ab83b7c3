package org.recsys4j.features.encode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.spec.BagSpec;
import org.recsys4j.core.spec.CategoricalEncoding;
import org.recsys4j.core.spec.CategoricalSpec;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.core.spec.FeatureSpec;
import org.recsys4j.core.spec.NumericSpec;
import org.recsys4j.core.spec.NumericTransform;
import org.recsys4j.core.spec.SequenceSpec;
import org.recsys4j.features.hash.Bucketizer;
import org.recsys4j.features.hash.FeatureHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes raw rows into model inputs for a {@link FeatureSchema}; the same code path serves
 * training batches and single serving requests, so both give identical arrays.
 *
 * <p>Output layout (see {@link EncodedBatch}): {@code "ids"} int {@code [B, F]}, {@code "dense"}
 * float {@code [B, N]}, and per bag or sequence an int {@code [B, T]} plus a float mask {@code [B,
 * T]}, all row-major ({@code ids[b*F + f]}, {@code seq[b*T + t]}).
 *
 * <ul>
 *   <li>categorical: hashed or vocabulary id (see {@link CategoricalSpec});
 *   <li>numeric: bucket id in {@code 1..n+1} into {@code "ids"} (missing: the spec's missing id
 *       {@code n+2}, or its default's bucket id; see {@link NumericSpec}) or {@code (x-mean)/std}
 *       into {@code "dense"} (missing: the default, normalised);
 *   <li>bag: first {@code maxSize} hashed tokens, padded with 0, mask 1 on real ids;
 *   <li>sequence: last {@code maxLen} hashed values oldest first, raw padding tokens dropped,
 *       padded with 0 at the end, mask 1 exactly on real ids.
 * </ul>
 *
 * <p>Id 0 is padding in every int input and is never written for a real or missing value; every id
 * of a feature is below its table's {@code rows} ({@code FeatureSchema.tables()}).
 *
 * <p>Missing values (absent, null, empty string, NaN, ±Infinity, bags and sequences without a real
 * token) are replaced by the spec's default (or missing id, or all padding) and counted in {@link
 * #missingCounts()}; no NaN is ever written. Malformed values (a numeric string not in decimal
 * notation such as {@code "40f"} or {@code "0x1p3"}, an unsupported type) throw instead. Numbers in
 * categorical fields are hashed or looked up by their canonical text ({@link NumberText}), so
 * {@code 7}, {@code 7L}, {@code 7.0} and {@code "7"} give one id.
 *
 * <p>Per-request use: {@link #encode(Row)} writes into one reusable size-1 batch and allocates only
 * inside hashing and token splitting. Per-batch use: {@link #encodeBatch(List)}, or {@link
 * #newBatch(int)} once and {@link #encodeInto(Row, EncodedBatch, int)} per row. An encoder holds
 * buffers and counters and is not thread-safe: create one per thread from the shared schema.
 */
public final class FeatureEncoder {
  /** Key of the categorical and bucketized-numeric ids, int {@code [B, F]}. */
  public static final String IDS = "ids";

  /** Key of the normalised numerics, float {@code [B, N]}. */
  public static final String DENSE = "dense";

  /** Suffix of a bag's or sequence's mask key: {@code "<name>.mask"}. */
  public static final String MASK_SUFFIX = ".mask";

  private static final Logger LOG = LoggerFactory.getLogger(FeatureEncoder.class);

  /** The last batch whose shapes passed {@link #checkShapes}. */
  private EncodedBatch lastChecked;

  private final FeatureSchema schema;
  private final Slot[] slots;
  private final List<String> sparseFields;
  private final List<String> denseFields;
  private final List<String> sequenceInputs;
  private final Map<String, Integer> widths;
  private final MissingCounts missing;
  private final MissingCounts truncated;
  private final List<String> scratch = new ArrayList<>();
  private final EncodedBatch rowBuffer;

  private FeatureEncoder(FeatureSchema schema) {
    this.schema = schema;
    List<FeatureSpec> specs = schema.features();
    slots = new Slot[specs.size()];
    List<String> sparse = new ArrayList<>();
    List<String> dense = new ArrayList<>();
    List<String> seqs = new ArrayList<>();
    Map<String, Integer> w = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      FeatureSpec s = specs.get(i);
      names.add(s.name());
      if (s instanceof CategoricalSpec c) {
        slots[i] = new CategoricalSlot(c, i, sparse.size());
        sparse.add(c.name());
      } else if (s instanceof NumericSpec n) {
        if (n.transform() == NumericTransform.BUCKETIZE) {
          slots[i] = new NumericSlot(n, i, sparse.size());
          sparse.add(n.name());
        } else {
          slots[i] = new NumericSlot(n, i, dense.size());
          dense.add(n.name());
        }
      } else if (s instanceof BagSpec b) {
        slots[i] =
            new TokenSlot(
                b.name(), i, b.table(), b.space(), b.separator(), null, b.maxSize(), false);
        seqs.add(b.name());
        w.put(b.name(), b.maxSize());
      } else {
        SequenceSpec q = (SequenceSpec) s;
        slots[i] =
            new TokenSlot(
                q.name(),
                i,
                q.table(),
                q.space(),
                q.separator(),
                q.paddingToken(),
                q.maxLen(),
                true);
        seqs.add(q.name());
        w.put(q.name(), q.maxLen());
      }
    }
    Set<String> keys = new HashSet<>(List.of(IDS, DENSE));
    for (String name : seqs) {
      Check.arg(
          keys.add(name) && keys.add(name + MASK_SUFFIX),
          "feature",
          name,
          "must not collide with another input key (reserved: '"
              + IDS
              + "', '"
              + DENSE
              + "', '<bag or sequence>"
              + MASK_SUFFIX
              + "')");
    }
    this.sparseFields = List.copyOf(sparse);
    this.denseFields = List.copyOf(dense);
    this.sequenceInputs = List.copyOf(seqs);
    this.widths = w;
    this.missing = new MissingCounts(names);
    this.truncated = new MissingCounts(names);
    this.rowBuffer = newBatch(1);
    LOG.debug(
        "feature encoder: ids [B,{}] {}, dense [B,{}] {}, bags/sequences {}",
        sparseFields.size(),
        sparseFields,
        denseFields.size(),
        denseFields,
        widths);
  }

  /**
   * An encoder for {@code schema}.
   *
   * @throws IllegalArgumentException if the schema is null or a bag or sequence name collides with
   *     an output key ({@code "ids"}, {@code "dense"} or another feature's {@code ".mask"} key)
   */
  public static FeatureEncoder of(FeatureSchema schema) {
    return new FeatureEncoder(Check.notNull("schema", schema));
  }

  /** The schema this encoder follows. */
  public FeatureSchema schema() {
    return schema;
  }

  /** Names of the {@code F} columns of {@code "ids"}: categorical and bucketized numerics. */
  public List<String> sparseFields() {
    return sparseFields;
  }

  /** Names of the {@code N} columns of {@code "dense"}: normalised numerics. */
  public List<String> denseFields() {
    return denseFields;
  }

  /** The missing values replaced so far, per feature. */
  public MissingCounts missingCounts() {
    return missing;
  }

  /**
   * The examples whose sequence was longer than its {@code maxLen} (the most recent kept) or whose
   * bag was longer than its {@code maxSize} (the first kept) so far, per feature; 0 for the others.
   */
  public MissingCounts truncatedCounts() {
    return truncated;
  }

  /**
   * A zeroed batch of {@code size} examples with this schema's keys and shapes.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public EncodedBatch newBatch(int size) {
    Check.positive("batch.size", size);
    Map<String, int[]> ints = new LinkedHashMap<>();
    Map<String, float[]> floats = new LinkedHashMap<>();
    if (!sparseFields.isEmpty()) {
      ints.put(IDS, new int[Math.multiplyExact(size, sparseFields.size())]);
    }
    if (!denseFields.isEmpty()) {
      floats.put(DENSE, new float[Math.multiplyExact(size, denseFields.size())]);
    }
    for (String name : sequenceInputs) {
      int t = widths.get(name);
      ints.put(name, new int[Math.multiplyExact(size, t)]);
      floats.put(name + MASK_SUFFIX, new float[Math.multiplyExact(size, t)]);
    }
    return EncodedBatch.of(size, ints, floats);
  }

  /**
   * Encodes {@code row} into example {@code b} of {@code out}, overwriting every position of that
   * example; counts missing values. If a malformed value throws, example {@code b} may be partly
   * written and must be re-encoded or dropped.
   *
   * @throws IllegalArgumentException if {@code b} is out of range, {@code out} does not have the
   *     keys and lengths of {@link #newBatch(int)}, or a value is malformed (naming the feature and
   *     value)
   */
  public void encodeInto(Row row, EncodedBatch out, int b) {
    Check.notNull("row", row);
    Check.notNull("out", out);
    Check.inRange("b", b, 0, out.size() - 1);
    checkShapes(out);
    int[] ids = out.ints().get(IDS);
    float[] dense = out.floats().get(DENSE);
    for (Slot s : slots) {
      if (s.encode(row.get(s.name), out, ids, dense, b)) {
        missing.increment(s.index);
      }
    }
  }

  private void checkShapes(EncodedBatch out) {
    if (out == rowBuffer || out == lastChecked) {
      return; // batches are fixed-size once made: one check per batch, not per row
    }
    int n = out.size();
    boolean ok =
        out.ints().size() == sequenceInputs.size() + (sparseFields.isEmpty() ? 0 : 1)
            && out.floats().size() == sequenceInputs.size() + (denseFields.isEmpty() ? 0 : 1)
            && hasLength(out.ints().get(IDS), sparseFields.isEmpty() ? -1 : n * sparseFields.size())
            && hasLength(
                out.floats().get(DENSE), denseFields.isEmpty() ? -1 : n * denseFields.size());
    for (String name : sequenceInputs) {
      int len = n * widths.get(name);
      ok =
          ok
              && hasLength(out.ints().get(name), len)
              && hasLength(out.floats().get(name + MASK_SUFFIX), len);
    }
    if (!ok) {
      Check.arg(
          false,
          "out",
          out.ints().keySet() + "/" + out.floats().keySet(),
          "must have the keys and lengths of newBatch(" + n + ") of this encoder");
    }
    lastChecked = out;
  }

  private static boolean hasLength(int[] a, int len) {
    return len < 0 ? a == null : a != null && a.length == len;
  }

  private static boolean hasLength(float[] a, int len) {
    return len < 0 ? a == null : a != null && a.length == len;
  }

  /**
   * Encodes one request into this encoder's reusable size-1 batch and returns it; the arrays are
   * overwritten by the next call.
   *
   * @throws IllegalArgumentException if a value is malformed
   */
  public EncodedBatch encode(Row row) {
    encodeInto(row, rowBuffer, 0);
    return rowBuffer;
  }

  /**
   * Like {@link #encode(Row)} for a map of raw values by feature name.
   *
   * @throws IllegalArgumentException if a value is malformed
   */
  public EncodedBatch encode(Map<String, ?> row) {
    return encode(Row.of(row));
  }

  /**
   * Encodes {@code rows} into a new batch, example {@code b} from {@code rows.get(b)}.
   *
   * @throws IllegalArgumentException if {@code rows} is empty or a value is malformed
   */
  public EncodedBatch encodeBatch(List<? extends Row> rows) {
    Check.notNull("rows", rows);
    Check.arg(!rows.isEmpty(), "rows.size", 0, "must be >= 1");
    EncodedBatch out = newBatch(rows.size());
    for (int b = 0; b < rows.size(); b++) {
      encodeInto(rows.get(b), out, b);
    }
    return out;
  }

  /**
   * Like {@link #encodeBatch(List)} for maps of raw values.
   *
   * @throws IllegalArgumentException if {@code rows} is empty or a value is malformed
   */
  public EncodedBatch encodeMaps(List<? extends Map<String, ?>> rows) {
    Check.notNull("rows", rows);
    List<Row> r = new ArrayList<>(rows.size());
    for (Map<String, ?> m : rows) {
      r.add(Row.of(m));
    }
    return encodeBatch(r);
  }

  /**
   * The categorical string of a raw value, or null if it is missing: a {@code String} verbatim, a
   * {@code Number} in its canonical text ({@link NumberText#canonical(Number)}: {@code 7}, {@code
   * 7L}, {@code 7.0} and {@code 7.0f} are all {@code "7"}).
   */
  static String categoricalString(String feature, Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (v instanceof Number n) {
      return NumberText.canonical(n);
    }
    if (v instanceof CharSequence
        || v instanceof Character
        || v instanceof Boolean
        || v instanceof Enum<?>) {
      String s = v.toString();
      return s.isEmpty() ? null : s;
    }
    throw new IllegalArgumentException(
        "row."
            + feature
            + "="
            + v
            + " ("
            + v.getClass().getName()
            + ") must be a String, Number, Character, Boolean or Enum");
  }

  /**
   * The numeric value of a raw value; NaN for absent or empty. A string must be in decimal notation
   * ({@link NumberText#parseDecimal(String, String)}).
   */
  static double numericValue(String feature, Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      return NumberText.parseDecimal(feature, s);
    }
    if (v instanceof CharSequence cs) {
      return NumberText.parseDecimal(feature, cs.toString());
    }
    throw new IllegalArgumentException(
        "row."
            + feature
            + "="
            + v
            + " ("
            + v.getClass().getName()
            + ") must be a Number or a numeric String");
  }

  /** One feature's transform. */
  private abstract static class Slot {
    final String name;
    final int index;

    Slot(String name, int index) {
      this.name = name;
      this.index = index;
    }

    /** Writes example {@code b}; returns true if the value was missing. */
    abstract boolean encode(Object raw, EncodedBatch out, int[] ids, float[] dense, int b);
  }

  private final class CategoricalSlot extends Slot {
    private final CategoricalSpec spec;
    private final int column;
    private final Map<String, Integer> vocab;

    CategoricalSlot(CategoricalSpec spec, int index, int column) {
      super(spec.name(), index);
      this.spec = spec;
      this.column = column;
      Map<String, Integer> v = new HashMap<>();
      for (int i = 0; i < spec.vocabulary().size(); i++) {
        v.put(spec.vocabulary().get(i), i + 2);
      }
      this.vocab = v;
    }

    @Override
    boolean encode(Object raw, EncodedBatch out, int[] ids, float[] dense, int b) {
      String s = categoricalString(name, raw);
      boolean isMissing = s == null;
      int id;
      if (isMissing && spec.defaultValue() == null) {
        id = spec.missingId();
      } else {
        id = idOf(isMissing ? spec.defaultValue() : s);
      }
      ids[b * sparseFields.size() + column] = id;
      return isMissing;
    }

    private int idOf(String s) {
      if (spec.encoding() == CategoricalEncoding.HASHED) {
        return FeatureHasher.index(spec.table(), s, spec.space());
      }
      return vocab.getOrDefault(s, spec.oovId());
    }
  }

  private final class NumericSlot extends Slot {
    private final NumericSpec spec;
    private final int column;
    private final Bucketizer bucketizer;

    /** Bucketized: the id of a missing value (the missing id, or the default's bucket id). */
    private final int missingId;

    /** Normalised: the float a missing value is fed as. */
    private final float missingDense;

    NumericSlot(NumericSpec spec, int index, int column) {
      super(spec.name(), index);
      this.spec = spec;
      this.column = column;
      if (spec.transform() == NumericTransform.BUCKETIZE) {
        this.bucketizer = Bucketizer.builder().boundaries(spec.boundaryArray()).build();
        this.missingId =
            spec.missingId() >= 0 ? spec.missingId() : 1 + bucketizer.bucket(spec.defaultValue());
        this.missingDense = 0f;
      } else {
        this.bucketizer = null;
        this.missingId = -1;
        this.missingDense = normalize(spec.defaultValue());
      }
    }

    private float normalize(double x) {
      double z = (x - spec.mean()) / spec.std();
      return (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, z));
    }

    @Override
    boolean encode(Object raw, EncodedBatch out, int[] ids, float[] dense, int b) {
      double x = numericValue(name, raw);
      boolean isMissing = !Double.isFinite(x);
      if (bucketizer != null) {
        // real buckets are 1..n+1: id 0 stays padding
        ids[b * sparseFields.size() + column] = isMissing ? missingId : 1 + bucketizer.bucket(x);
      } else {
        dense[b * denseFields.size() + column] = isMissing ? missingDense : normalize(x);
      }
      return isMissing;
    }
  }

  private final class TokenSlot extends Slot {
    private final String table;
    private final int space;
    private final String separator;
    private final String paddingToken;
    private final int width;
    private final boolean keepLast;
    private final String maskKey;

    TokenSlot(
        String name,
        int index,
        String table,
        int space,
        String separator,
        String paddingToken,
        int width,
        boolean keepLast) {
      super(name, index);
      this.table = table;
      this.space = space;
      this.separator = separator;
      this.paddingToken = paddingToken;
      this.width = width;
      this.keepLast = keepLast;
      this.maskKey = name + MASK_SUFFIX;
    }

    @Override
    boolean encode(Object raw, EncodedBatch out, int[] ids, float[] dense, int b) {
      List<String> tokens = scratch;
      tokens.clear();
      collect(raw, tokens);
      int n = tokens.size();
      int k = Math.min(n, width);
      int from = keepLast ? n - k : 0;
      if (n > width) {
        truncated.increment(index);
      }
      int[] seq = out.ints().get(name);
      float[] mask = out.floats().get(maskKey);
      int base = b * width;
      for (int t = 0; t < width; t++) {
        if (t < k) {
          seq[base + t] = FeatureHasher.index(table, tokens.get(from + t), space);
          mask[base + t] = 1f;
        } else {
          seq[base + t] = 0;
          mask[base + t] = 0f;
        }
      }
      tokens.clear();
      return n == 0;
    }

    private void collect(Object raw, List<String> tokens) {
      if (raw == null) {
        return;
      }
      if (raw instanceof CharSequence cs) {
        String s = cs.toString();
        int start = 0;
        while (start <= s.length()) {
          int end = s.indexOf(separator, start);
          if (end < 0) {
            end = s.length();
          }
          keep(s.substring(start, end), tokens);
          start = end + separator.length();
        }
      } else if (raw instanceof Collection<?> c) {
        for (Object o : c) {
          keep(categoricalString(name, o), tokens);
        }
      } else if (raw instanceof Object[] a) {
        for (Object o : a) {
          keep(categoricalString(name, o), tokens);
        }
      } else {
        keep(categoricalString(name, raw), tokens); // a scalar is a one-token bag or sequence
      }
    }

    private void keep(String token, List<String> tokens) {
      if (token != null && !token.isEmpty() && !token.equals(paddingToken)) {
        tokens.add(token);
      }
    }
  }
}
