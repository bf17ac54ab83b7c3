package org.recsys4j.models.fit;

/**
 * Where an epoch stands, as {@link FitListener#onProgress} and the INFO progress line see it.
 *
 * @param epoch 1-based
 * @param epochs epochs planned
 * @param rows training examples seen in this epoch
 * @param totalRows examples in one epoch, or {@code -1} if the source does not know
 * @param rowsPerSecond examples per second so far in this epoch
 * @param etaSeconds seconds left in this epoch at that rate, or NaN when {@code totalRows} is
 *     unknown
 * @param meanLoss mean batch loss so far in this epoch
 */
public record Progress(
    int epoch,
    int epochs,
    long rows,
    long totalRows,
    double rowsPerSecond,
    double etaSeconds,
    double meanLoss) {}
