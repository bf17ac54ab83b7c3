/**
 * Raw funnel logs and how to turn them into labelled samples.
 *
 * <p>The three logs of a home feed are separate streams keyed by a {@code long} trace id: {@link
 * org.recsys4j.features.logs.Exposure exposures} (one row per item shown), {@link
 * org.recsys4j.features.logs.Click clicks} and {@link org.recsys4j.features.logs.Order orders}.
 * {@link org.recsys4j.features.logs.LogStitcher} joins one batch of them into {@link
 * org.recsys4j.features.logs.LabeledSample}s and counts every irregularity (duplicates, orphans,
 * late and clock-skewed rows, orders without a click) in a {@link
 * org.recsys4j.features.logs.StitchReport}; nothing is dropped silently. {@link
 * org.recsys4j.features.logs.StitchConfig} sets the attribution windows and policies, and {@link
 * org.recsys4j.features.logs.StreamingStitcher} stitches day by day, carrying exposures whose
 * windows are still open across midnight (see {@code docs/stitching.md}). {@link
 * org.recsys4j.features.logs.TimeSplit} and {@link org.recsys4j.features.logs.Shuffles} then split
 * by day and shuffle within a day, so that no model ever trains on the future.
 *
 * <p>This package does not depend on the simulator; the simulator writes these records.
 */
package org.recsys4j.features.logs;
