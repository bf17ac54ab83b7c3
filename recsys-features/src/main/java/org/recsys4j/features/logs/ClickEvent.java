package org.recsys4j.features.logs;

/**
 * One row of a click log: the exposure with {@code traceId} was clicked at {@code timeMillis}.
 *
 * @param traceId the trace id of the clicked exposure
 * @param timeMillis epoch milliseconds of the click
 * @param line the 1-based line (or row) number in its file, for messages; 0 if unknown
 */
public record ClickEvent(long traceId, long timeMillis, long line) {}
