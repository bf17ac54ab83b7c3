package org.recsys4j.features.logs;

/**
 * One row of the click log: the exposure with {@code traceId} was clicked at {@code
 * timestampMillis}.
 *
 * <p>The click log is a separate stream: a row may repeat (a client retry logs the same trace id
 * twice) or match no exposure at all (an orphan). {@link LogStitcher} counts both.
 *
 * @param traceId the trace id of the clicked exposure
 * @param timestampMillis epoch milliseconds of the click
 */
public record Click(long traceId, long timestampMillis) {}
