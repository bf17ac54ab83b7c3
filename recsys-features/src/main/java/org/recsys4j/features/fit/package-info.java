/**
 * Fitters for the data-dependent parts of feature specs: {@link
 * org.recsys4j.features.fit.BoundaryFitter} (bucket boundaries from quantiles), {@link
 * org.recsys4j.features.fit.VocabularyFitter} (vocabularies with a frequency cut) and {@link
 * org.recsys4j.features.fit.MeanStdFitter} (normalisation). They read a stream of training values
 * and produce values for the specs in {@code org.recsys4j.core.spec}.
 */
package org.recsys4j.features.fit;
