package org.recsys4j.features.arrow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.BatchLayout;
import org.recsys4j.core.data.DayFileSource;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.core.data.Shuffle;
import org.recsys4j.core.data.TrainingBatch;

/**
 * A {@link BatchSource} over Arrow IPC files of encoded batches ({@link ArrowIpc}), one file per
 * day, oldest first. The file's {@value ArrowBatch#LABEL} column becomes the label named {@code
 * label}.
 *
 * <p>A pass reads one day at a time (the whole file, as the within-day shuffle needs), checks every
 * batch against the layout (the first batch's, or the one given: e.g. the schema's) and cuts the
 * day with {@link DayBatches#cut}. A file that is truncated or corrupt fails with the {@link
 * IOException} of {@link ArrowIpc} wrapped in an {@link UncheckedIOException}; a batch with another
 * shape, or a null or out-of-range label, with an {@link IllegalArgumentException} naming the file
 * and the batch.
 */
public final class ArrowBatchSource extends DayFileSource {
  private final String label;
  private final BatchLayout layout;

  private ArrowBatchSource(
      List<Path> days,
      String label,
      int batchSize,
      Shuffle shuffle,
      long seed,
      BatchLayout layout) {
    super(days, batchSize, shuffle, seed);
    this.label = Check.notNull("label", label);
    this.layout = layout != null ? layout : firstLayout();
  }

  /**
   * Files {@code days} (one per day, oldest first), label {@code label}.
   *
   * @throws UncheckedIOException if the first file cannot be read
   */
  public static ArrowBatchSource of(
      List<Path> days, String label, int batchSize, Shuffle shuffle, long seed) {
    return new ArrowBatchSource(days, label, batchSize, shuffle, seed, null);
  }

  /** This source with its batches checked against {@code expected} (e.g. the schema's layout). */
  public ArrowBatchSource withLayout(BatchLayout expected) {
    return new ArrowBatchSource(
        days(), label, batchSize(), shuffle(), seed(), Check.notNull("layout", expected));
  }

  private BatchLayout firstLayout() {
    try (BufferAllocator a = new RootAllocator();
        ArrowIpc.Reader r = ArrowIpc.open(days().get(0), a)) {
      ArrowBatch b = r.read();
      Check.arg(b != null, days().get(0).toString(), "no batches", "must hold at least one batch");
      try (b) {
        return BatchLayout.of(toTraining(b));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + days().get(0), e);
    }
  }

  private TrainingBatch toTraining(ArrowBatch b) {
    Map<String, int[]> ints = new LinkedHashMap<>();
    for (String k : b.intKeys()) {
      ints.put(k, b.ints(k));
    }
    Map<String, float[]> floats = new LinkedHashMap<>();
    for (String k : b.floatKeys()) {
      floats.put(k, b.floats(k));
    }
    return TrainingBatch.of(EncodedBatch.of(b.size(), ints, floats), label, b.labels());
  }

  private List<TrainingBatch> readDay(int day, BufferAllocator allocator) {
    Path p = days().get(day);
    List<TrainingBatch> out = new ArrayList<>();
    try (ArrowIpc.Reader r = ArrowIpc.open(p, allocator)) {
      for (ArrowBatch next; (next = r.read()) != null; ) {
        try (ArrowBatch b = next) {
          Check.arg(
              b.hasLabels(),
              p + " batch " + out.size() + " labels",
              "null",
              "must be known for training");
          TrainingBatch t = toTraining(b);
          layout.check(t, p + " batch " + out.size());
          out.add(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
    return out;
  }

  @Override
  public BatchLayout layout() {
    return layout;
  }

  @Override
  protected Pass openPass() {
    BufferAllocator allocator = new RootAllocator();
    return new Pass() {
      @Override
      public List<TrainingBatch> read(int day) {
        return readDay(day, allocator);
      }

      @Override
      public void release() {
        allocator.close();
      }
    };
  }
}
