package org.recsys4j.features.encode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.BatchLayout;
import org.recsys4j.core.data.DayFileSource;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.features.io.DelimitedFormat;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.TextRecord;

/**
 * A {@link BatchSource} over delimited text files (CSV, TSV; {@code .gz} too) with a header, one
 * file per day, oldest first, encoded through a {@link FeatureEncoder} of {@code schema}: the raw
 * columns are read by feature name and the label from column {@code label}.
 *
 * <p>Each pass builds its own encoder (encoders are not thread-safe, and a pass may run on a
 * prefetching thread) and reads one day at a time. A label that is not a number in [0,1] fails with
 * an {@link IllegalArgumentException} naming the file, the line and the value; malformed lines
 * follow {@link ErrorPolicy#FAIL_FAST}.
 */
public final class DelimitedBatchSource extends DayFileSource {
  private final DelimitedFormat format;
  private final FeatureSchema schema;
  private final String label;
  private final BatchLayout layout;

  private DelimitedBatchSource(
      List<Path> days,
      DelimitedFormat format,
      FeatureSchema schema,
      String label,
      int batchSize,
      Shuffle shuffle,
      long seed) {
    super(days, batchSize, shuffle, seed);
    this.format = Check.notNull("format", format);
    this.schema = Check.notNull("schema", schema);
    this.label = Check.notNull("label", label);
    this.layout = BatchLayout.of(schema, List.of(label));
  }

  /**
   * Files {@code days} in {@code format} (which must have a header), encoded with {@code schema},
   * label column {@code label}.
   */
  public static DelimitedBatchSource of(
      List<Path> days,
      DelimitedFormat format,
      FeatureSchema schema,
      String label,
      int batchSize,
      Shuffle shuffle,
      long seed) {
    Check.arg(format.header(), "format.header", false, "must be true: columns are read by name");
    return new DelimitedBatchSource(days, format, schema, label, batchSize, shuffle, seed);
  }

  private List<TrainingBatch> readDay(int day, FeatureEncoder encoder) {
    Path p = days().get(day);
    List<TrainingBatch> out = new ArrayList<>();
    try (DelimitedReader r = DelimitedReader.open(p, format, ErrorPolicy.FAIL_FAST)) {
      Check.arg(
          r.header().contains(label), p + " header", r.header(), "must hold label column " + label);
      int batchSize = batchSize();
      EncodedBatch x = encoder.newBatch(batchSize);
      float[] y = new float[batchSize];
      int n = 0;
      while (r.next()) {
        TextRecord row = r.row();
        y[n] = parseLabel(row, p);
        encoder.encodeInto(row, x, n);
        if (++n == batchSize) {
          out.add(TrainingBatch.of(x, label, y));
          x = encoder.newBatch(batchSize);
          y = new float[batchSize];
          n = 0;
        }
      }
      if (n > 0) {
        EncodedBatch last = encoder.newBatch(n);
        for (String k : x.ints().keySet()) {
          int w = x.ints(k).length / batchSize;
          System.arraycopy(x.ints(k), 0, last.ints(k), 0, n * w);
        }
        for (String k : x.floats().keySet()) {
          int w = x.floats(k).length / batchSize;
          System.arraycopy(x.floats(k), 0, last.floats(k), 0, n * w);
        }
        out.add(TrainingBatch.of(last, label, java.util.Arrays.copyOf(y, n)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
    return out;
  }

  private float parseLabel(TextRecord row, Path p) {
    String v = row.get(label);
    float y;
    try {
      y = Float.parseFloat(v == null ? "" : v.trim());
    } catch (NumberFormatException e) {
      y = Float.NaN;
    }
    if (!(y >= 0f && y <= 1f)) {
      throw new IllegalArgumentException(
          p
              + ":"
              + row.lineNumber()
              + ": label "
              + label
              + "='"
              + v
              + "' must be a number in [0,1]");
    }
    return y;
  }

  @Override
  public BatchLayout layout() {
    return layout;
  }

  @Override
  protected Pass openPass() {
    FeatureEncoder encoder = FeatureEncoder.of(schema);
    return day -> readDay(day, encoder);
  }
}
