/**
 * Combiners: named, serialisable layers that merge the outputs of parallel towers (e.g. {@link
 * org.recsys4j.models.layers.combine.LogitSum} adds an FM logit and a deep logit).
 */
package org.recsys4j.models.layers.combine;
