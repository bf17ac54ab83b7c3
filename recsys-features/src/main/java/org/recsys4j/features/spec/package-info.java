/**
 * Feature specs as data: a sealed {@link org.recsys4j.features.spec.FeatureSpec} per feature kind
 * (categorical, numeric, bag, sequence) and a validated, JSON-serialisable {@link
 * org.recsys4j.features.spec.FeatureSchema} that is saved beside each model.
 *
 * <p>Specs are immutable records validated in their canonical constructors (messages name the
 * field, the value and the rule). {@link org.recsys4j.features.spec.BoundaryFitter}, {@link
 * org.recsys4j.features.spec.MeanStdFitter} and {@link
 * org.recsys4j.features.spec.VocabularyFitter} fit the data-dependent parts of a spec from a stream
 * of training values. The transforms themselves live in {@code org.recsys4j.features.encode}.
 */
package org.recsys4j.features.spec;
