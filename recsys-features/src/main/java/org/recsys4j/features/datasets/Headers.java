package org.recsys4j.features.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.recsys4j.features.io.DelimitedReader;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;

/** Header checks shared by the loaders. */
final class Headers {
  private Headers() {}

  /**
   * Throws (and closes {@code reader}) unless its header equals {@code expected}, whatever the
   * error policy: a wrong header means a wrong file, not a bad line.
   *
   * @throws MalformedLineException with {@link MalformedReason#BAD_HEADER}
   */
  static void require(DelimitedReader reader, List<String> expected) {
    List<String> header = reader.header();
    if (header.equals(expected)) {
      return;
    }
    String detail;
    if (header.isEmpty()) {
      detail = "the file is empty, expected the header " + String.join(",", expected);
    } else {
      int i = 0;
      while (i < Math.min(header.size(), expected.size())
          && header.get(i).equals(expected.get(i))) {
        i++;
      }
      detail =
          i < Math.min(header.size(), expected.size())
              ? "header column "
                  + i
                  + "='"
                  + header.get(i)
                  + "', expected '"
                  + expected.get(i)
                  + "'"
              : "header has " + header.size() + " columns, expected " + expected.size();
    }
    MalformedLineException e =
        new MalformedLineException(
            reader.source(), 1, MalformedReason.BAD_HEADER, detail, String.join(",", header));
    try {
      reader.close();
    } catch (IOException io) {
      e.addSuppressed(new UncheckedIOException(io));
    }
    throw e;
  }
}
