/**
 * Feature-side building blocks of recsys4j: turning raw logs into labelled, hashed and bucketed
 * samples.
 *
 * <ul>
 *   <li>{@link org.recsys4j.features.sim} — a seeded simulator of an e-commerce home-feed funnel
 *       with planted, documented effects and known ground truth;
 *   <li>{@link org.recsys4j.features.logs} — exposure, click and order log records, stitching them
 *       by trace id into labelled samples, time splits and within-day shuffles;
 *   <li>{@link org.recsys4j.features.hash} — stable feature hashing and bucketing of numeric
 *       values;
 *   <li>{@link org.recsys4j.features.fit} — fitting the data-dependent parts of feature specs
 *       (bucket boundaries, vocabularies, mean and standard deviation); the specs themselves are
 *       shared vocabulary in {@code org.recsys4j.core.spec};
 *   <li>{@link org.recsys4j.features.encode} — one encoder for training batches and serving
 *       requests, with missing values replaced and counted;
 *   <li>{@link org.recsys4j.features.io} — streaming CSV/TSV reading with malformed-line reports
 *       (fail fast, or skip and count);
 *   <li>{@link org.recsys4j.features.datasets} — loaders for MovieLens 100K/1M, Criteo, Avazu and
 *       libSVM/libFM files that users download themselves;
 *   <li>{@link org.recsys4j.features.stats} — per-feature statistics: coverage, cardinality, top
 *       values, quantiles, bucket occupancy and hash-collision rate;
 *   <li>{@link org.recsys4j.features.arrow} — encoded batches as Arrow columns, Arrow IPC files
 *       (written atomically), and the serving-time feature dump.
 * </ul>
 */
package org.recsys4j.features;
