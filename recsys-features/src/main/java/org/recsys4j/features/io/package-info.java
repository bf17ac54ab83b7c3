/**
 * Streaming readers for delimited text (CSV, TSV, {@code ::}-separated files), optionally gzipped.
 *
 * <p>{@link org.recsys4j.features.io.DelimitedReader} reads line by line (never the whole file),
 * exposes each row as a reusable {@link org.recsys4j.features.io.TextRecord} view, checks the
 * column count and handles malformed lines by an explicit {@link
 * org.recsys4j.features.io.ErrorPolicy}: fail on the first one with a {@link
 * org.recsys4j.features.io.MalformedLineException} naming file, line number, rule and a snippet, or
 * skip and count them per {@link org.recsys4j.features.io.MalformedReason} in a {@link
 * org.recsys4j.features.io.ReadReport}.
 */
package org.recsys4j.features.io;
