/**
 * Feature specs as data: a sealed {@link org.recsys4j.core.spec.FeatureSpec} per feature kind
 * (categorical, numeric, bag, sequence) and a validated, JSON-serialisable {@link
 * org.recsys4j.core.spec.FeatureSchema} that is saved beside each model.
 *
 * <p>The specs are vocabulary shared by the feature side ({@code recsys-features}, which encodes
 * rows by them) and the model side ({@code recsys-models}, which declares inputs and tables from
 * them); they carry no ND4J, Arrow or sketch types.
 *
 * <p>Specs are immutable records validated in their canonical constructors (messages name the
 * field, the value and the rule). {@link org.recsys4j.features.fit.BoundaryFitter}, {@link
 * org.recsys4j.features.fit.MeanStdFitter} and {@link org.recsys4j.features.fit.VocabularyFitter}
 * fit the data-dependent parts of a spec from a stream of training values. The transforms
 * themselves live in {@code org.recsys4j.features.encode}.
 */
package org.recsys4j.core.spec;
