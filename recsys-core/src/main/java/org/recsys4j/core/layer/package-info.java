/**
 * The layer contract: an immutable, JSON-serialisable config ({@link
 * org.recsys4j.core.layer.Layer}) with a pure shape function, an explicit mask policy ({@link
 * org.recsys4j.core.layer.MaskPolicy}) and a method that defines the layer in a SameDiff graph from
 * a {@link org.recsys4j.core.layer.LayerInput} (values plus an optional mask) to a {@link
 * org.recsys4j.core.layer.LayerOutput}.
 *
 * <p>Shapes are written with B for the batch, F for fields, T for sequence steps and D for the
 * embedding dimension. The batch dimension is {@link org.recsys4j.core.layer.Shape#BATCH} (-1) in
 * every {@link org.recsys4j.core.layer.Shape}. Masks are float arrays of 1 (valid) and 0 (padding),
 * shaped {@code [B,F]} or {@code [B,T]}; they are explicit arguments and never inferred from zero
 * vectors.
 */
package org.recsys4j.core.layer;
