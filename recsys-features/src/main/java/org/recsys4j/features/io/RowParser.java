package org.recsys4j.features.io;

/**
 * Turns the current {@link TextRecord} into a typed record.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowParser<T> {
  /**
   * Parses {@code row}; must copy what it keeps, since the row is reused.
   *
   * @throws MalformedLineException if the row breaks the format (use {@link TextRecord#malformed}
   *     or the {@code TextRecord.get*} methods, which throw it); the {@link RecordReader} applies
   *     the error policy
   */
  T parse(TextRecord row);
}
