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
 *       values.
 * </ul>
 */
package org.recsys4j.features;
