package org.recsys4j.features.logs;

import java.util.List;
import org.recsys4j.core.Check;

/**
 * The output of {@link LogStitcher#stitch}: one labelled sample per exposure, in exposure-log
 * order, and the counts.
 *
 * @param samples one sample per exposure row, in the order of the exposure log
 * @param report what was matched, collapsed and left unmatched
 */
public record StitchResult(List<LabeledSample> samples, StitchReport report) {
  /** Copies the sample list. */
  public StitchResult {
    samples = List.copyOf(samples);
    Check.notNull("stitchResult.report", report);
  }
}
