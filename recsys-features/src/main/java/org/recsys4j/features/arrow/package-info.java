/**
 * Arrow interchange for encoded features: {@link org.recsys4j.features.arrow.ArrowBatch} holds an
 * {@link org.recsys4j.core.data.EncodedBatch} plus labels and request ids as Arrow columns, {@link
 * org.recsys4j.features.arrow.ArrowIpc} writes them atomically to Arrow IPC files and streams them
 * back, and {@link org.recsys4j.features.arrow.FeatureDump} records what a serving encoder computed
 * so that training reuses exactly those features.
 */
package org.recsys4j.features.arrow;
