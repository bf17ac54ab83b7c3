package org.recsys4j.core.data;

/**
 * One pass over a {@link BatchSource}: {@link #next()} until it returns {@code null}, then {@link
 * #close()} (also when stopping early). Not thread-safe.
 */
public interface BatchStream extends AutoCloseable {

  /**
   * The next batch, or {@code null} at the end of the pass.
   *
   * @throws IllegalArgumentException if the batch breaks the source's {@link BatchLayout}
   * @throws java.io.UncheckedIOException if reading fails
   */
  TrainingBatch next();

  /** Releases files and threads; the stream cannot be used afterwards. */
  @Override
  void close();
}
