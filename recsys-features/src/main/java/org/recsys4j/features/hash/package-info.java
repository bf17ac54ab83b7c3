/**
 * Stable transforms from raw values to embedding indices.
 *
 * <p>{@link org.recsys4j.features.hash.FeatureHasher} maps {@code (field, value)} pairs into {@code
 * 1..V-1} with a documented, version-pinned Murmur3 hash (index 0 is reserved for padding); {@link
 * org.recsys4j.features.hash.Bucketizer} maps a numeric value to a bucket index by sorted
 * boundaries, with an explicit bucket for missing values.
 */
package org.recsys4j.features.hash;
