/**
 * One encoder for training and serving: {@link org.recsys4j.features.encode.FeatureEncoder} turns
 * raw rows into the flat, row-major id, value and mask arrays a model takes, per request or per
 * batch with identical results, replacing and counting missing values ({@link
 * org.recsys4j.features.encode.MissingCounts}) so that no NaN ever reaches a model.
 */
package org.recsys4j.features.encode;
