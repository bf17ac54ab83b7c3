/**
 * Encoded data as both sides see it: {@link org.recsys4j.core.data.EncodedBatch} holds a batch's
 * model inputs (ids, numeric values, bags and sequences with their masks) as flat row-major arrays
 * keyed by input name. The feature encoder writes it; trainers and scorers read it. A {@link
 * org.recsys4j.core.data.BatchSource} yields {@link org.recsys4j.core.data.TrainingBatch}es pass by
 * pass: days in time order, rows shuffled within each day ({@link
 * org.recsys4j.core.data.DayBatches}), every batch checked against a {@link
 * org.recsys4j.core.data.BatchLayout}, optionally prefetched on another thread ({@link
 * org.recsys4j.core.data.BatchSources}).
 */
package org.recsys4j.core.data;
