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
 * <p><b>From a user's own files</b>: {@link org.recsys4j.features.logs.LogPipeline} reads exposure,
 * click and order logs (CSV, TSV, gzip, Arrow IPC) under a typed, versioned {@link
 * org.recsys4j.features.logs.LogMapping} into {@link org.recsys4j.features.logs.ExposureEvent},
 * {@link org.recsys4j.features.logs.ClickEvent} and {@link org.recsys4j.features.logs.OrderEvent}
 * (the user's own columns in an {@link org.recsys4j.features.logs.AttributeRow}), stitches them day
 * by day with the same rules, adds click histories, and writes {@link
 * org.recsys4j.features.logs.LabeledRow}s as one Arrow file per day ({@link
 * org.recsys4j.features.logs.LabeledRowFiles}) with a {@link
 * org.recsys4j.features.logs.PipelineReport}; {@link org.recsys4j.features.logs.TrainingDays}
 * splits and shuffles those files. A {@code LabeledRow} is the encoder's row.
 *
 * <p>This package does not depend on the simulator. The in-memory records {@code Exposure}, {@code
 * Truth}, {@code DayLogs} and {@code LabeledSample} are the simulator's own shapes, kept for the
 * in-memory path ({@code LogStitcher}, {@code StreamingStitcher}); the simulator also writes its
 * logs as files for the generic pipeline ({@code sim.SimulatorLogs}).
 */
package org.recsys4j.features.logs;
