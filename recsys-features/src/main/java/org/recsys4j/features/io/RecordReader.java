package org.recsys4j.features.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.recsys4j.core.Check;

/**
 * A stream of typed records read from a {@link DelimitedReader} by a {@link RowParser}.
 *
 * <p>Malformed lines, whether the reader finds them (column count, quoting) or the parser does (a
 * bad value), are handled by the reader's {@link ErrorPolicy}: under {@link ErrorPolicy#FAIL_FAST}
 * {@link #hasNext()} throws the {@link MalformedLineException}; under {@link
 * ErrorPolicy#SKIP_AND_COUNT} the line is skipped and counted in {@link #report()}.
 *
 * <p>Use in try-with-resources, or call {@link #readAll()}, which closes. Not thread-safe.
 *
 * @param <T> the record type
 */
public final class RecordReader<T> implements Iterator<T>, Closeable {
  private final DelimitedReader reader;
  private final RowParser<T> parser;
  private T next;
  private boolean done;

  /**
   * Reads records from {@code reader} with {@code parser}; closing this closes {@code reader}.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public RecordReader(DelimitedReader reader, RowParser<T> parser) {
    this.reader = Check.notNull("reader", reader);
    this.parser = Check.notNull("parser", parser);
  }

  /**
   * Whether another well-formed record follows.
   *
   * @throws MalformedLineException under {@link ErrorPolicy#FAIL_FAST} at the first malformed line
   * @throws UncheckedIOException if reading fails
   */
  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      if (!reader.next()) {
        done = true;
        break;
      }
      try {
        next = parser.parse(reader.row());
      } catch (MalformedLineException e) {
        reader.reject(e);
      }
    }
    return next != null;
  }

  /**
   * The next record.
   *
   * @throws NoSuchElementException at the end
   * @throws MalformedLineException under {@link ErrorPolicy#FAIL_FAST} at the first malformed line
   */
  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + reader.source());
    }
    T out = next;
    next = null;
    return out;
  }

  /** The reader's counts so far; {@code rowsReturned} counts parsed records. */
  public ReadReport report() {
    return reader.report();
  }

  /** The header of the underlying reader (empty if none). */
  public List<String> header() {
    return reader.header();
  }

  /** The remaining records as a sequential stream; closing the stream closes this reader. */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              try {
                close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * Reads all remaining records into a list and closes; the counts stay in {@link #report()}.
   *
   * @throws MalformedLineException under {@link ErrorPolicy#FAIL_FAST} at the first malformed line
   * @throws UncheckedIOException if reading or closing fails
   */
  public List<T> readAll() {
    List<T> out = new ArrayList<>();
    try (this) {
      while (hasNext()) {
        out.add(next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + reader.source(), e);
    }
    return out;
  }

  /** Closes the underlying reader; idempotent. */
  @Override
  public void close() throws IOException {
    reader.close();
  }
}
