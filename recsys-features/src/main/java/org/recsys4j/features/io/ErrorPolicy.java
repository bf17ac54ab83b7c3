package org.recsys4j.features.io;

/** What a reader does with a malformed line. */
public enum ErrorPolicy {
  /**
   * Throw a {@link MalformedLineException} naming the file, line number, rule and a snippet of the
   * first malformed line.
   */
  FAIL_FAST,
  /**
   * Skip malformed lines and count them per {@link MalformedReason}; the counts are in {@link
   * ReadReport#skipped()}.
   */
  SKIP_AND_COUNT
}
