/**
 * Loaders for public recommender data sets in the raw formats users download themselves: MovieLens
 * 100K and 1M ({@link org.recsys4j.features.datasets.MovieLens}), time-ordered user histories
 * ({@link org.recsys4j.features.datasets.UserHistories}), Criteo display ads ({@link
 * org.recsys4j.features.datasets.Criteo}), Avazu ({@link org.recsys4j.features.datasets.Avazu}) and
 * libSVM/libFM lines ({@link org.recsys4j.features.datasets.LibSvm}).
 *
 * <p>Every loader streams (see {@link org.recsys4j.features.io.RecordReader}) and takes an {@link
 * org.recsys4j.features.io.ErrorPolicy}; malformed lines are reported with file name and line
 * number. No data ships with the project; see {@code docs/datasets.md}.
 */
package org.recsys4j.features.datasets;
