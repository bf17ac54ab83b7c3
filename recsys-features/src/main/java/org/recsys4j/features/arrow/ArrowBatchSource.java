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
import org.recsys4j.core.data.BatchSource;
import org.recsys4j.core.data.BatchStream;
import org.recsys4j.core.data.DayBatches;
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
public final class ArrowBatchSource implements BatchSource {
  private final List<Path> days;
  private final String label;
  private final int batchSize;
  private final Shuffle shuffle;
  private final long seed;
  private final BatchLayout layout;

  private ArrowBatchSource(
      List<Path> days,
      String label,
      int batchSize,
      Shuffle shuffle,
      long seed,
      BatchLayout layout) {
    this.days = List.copyOf(Check.notNull("days", days));
    Check.arg(!this.days.isEmpty(), "days", days, "must name at least one file");
    this.label = Check.notNull("label", label);
    this.batchSize = Check.positive("batchSize", batchSize);
    this.shuffle = Check.notNull("shuffle", shuffle);
    this.seed = seed;
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
        days, label, batchSize, shuffle, seed, Check.notNull("layout", expected));
  }

  private BatchLayout firstLayout() {
    try (BufferAllocator a = new RootAllocator();
        ArrowIpc.Reader r = ArrowIpc.open(days.get(0), a)) {
      ArrowBatch b = r.read();
      Check.arg(b != null, days.get(0).toString(), "no batches", "must hold at least one batch");
      try (b) {
        return BatchLayout.of(toTraining(b));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + days.get(0), e);
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
    Path p = days.get(day);
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
  public int batchSize() {
    return batchSize;
  }

  /** Unknown before reading: {@code -1}. */
  @Override
  public long rows() {
    return -1;
  }

  @Override
  public BatchLayout layout() {
    return layout;
  }

  @Override
  public String name() {
    return days.size() == 1 ? days.get(0).toString() : days.get(0) + " +" + (days.size() - 1);
  }

  @Override
  public BatchStream open(int epoch) {
    Check.nonNegative("epoch", epoch);
    BufferAllocator allocator = new RootAllocator();
    return DayBatches.stream(
        days.size(), d -> readDay(d, allocator), batchSize, shuffle, seed, epoch, allocator::close);
  }
}
