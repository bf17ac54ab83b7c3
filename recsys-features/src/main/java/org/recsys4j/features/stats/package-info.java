/**
 * Per-feature statistics over a stream of values, for choosing vocabulary sizes, hash spaces and
 * bucket boundaries: coverage, cardinality (HyperLogLog), top values, numeric quantiles (KLL),
 * bucket occupancy and the expected hash-collision rate.
 *
 * <p>Feed a {@link org.recsys4j.features.stats.FeatureStatsCollector} one value at a time; its
 * {@link org.recsys4j.features.stats.FeatureStatsCollector#result()} is an immutable {@link
 * org.recsys4j.features.stats.FeatureStats}; {@link org.recsys4j.features.stats.FeatureStatsTable}
 * renders several as a text table.
 */
package org.recsys4j.features.stats;
