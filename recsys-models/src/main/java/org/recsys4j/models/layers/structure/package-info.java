/**
 * Layers that only rearrange values: {@link org.recsys4j.models.layers.structure.Flatten} and
 * {@link org.recsys4j.models.layers.structure.Concat}, the glue between lookups, numeric inputs and
 * towers.
 */
package org.recsys4j.models.layers.structure;
