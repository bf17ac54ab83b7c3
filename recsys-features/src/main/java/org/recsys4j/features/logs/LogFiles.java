package org.recsys4j.features.logs;

import java.nio.file.Path;
import java.util.List;
import org.recsys4j.core.Check;

/**
 * The input files of a {@link LogPipeline} run: each log as one file or several read one after the
 * other (e.g. one file per day), in day order.
 *
 * @param exposures the exposure log's files
 * @param clicks the click log's files
 * @param orders the order log's files (may be empty)
 */
public record LogFiles(List<Path> exposures, List<Path> clicks, List<Path> orders) {
  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException if a list is null or {@code exposures} is empty
   */
  public LogFiles {
    exposures = List.copyOf(Check.notNull("logFiles.exposures", exposures));
    clicks = List.copyOf(Check.notNull("logFiles.clicks", clicks));
    orders = List.copyOf(Check.notNull("logFiles.orders", orders));
    Check.arg(!exposures.isEmpty(), "logFiles.exposures", exposures, "must not be empty");
  }

  /** One file per log. */
  public static LogFiles of(Path exposures, Path clicks, Path orders) {
    return new LogFiles(List.of(exposures), List.of(clicks), List.of(orders));
  }
}
