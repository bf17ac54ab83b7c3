package org.recsys4j.core.data;

import org.recsys4j.core.Check;

/**
 * Training data and the validation slice held out from its end by time (see {@link
 * MemoryBatchSource#lastByTime}).
 *
 * @param train the earlier rows
 * @param validation the last rows by time, never shuffled
 */
public record ValidationSplit(BatchSource train, BatchSource validation) {
  /** Validates. */
  public ValidationSplit {
    Check.notNull("split.train", train);
    Check.notNull("split.validation", validation);
  }
}
