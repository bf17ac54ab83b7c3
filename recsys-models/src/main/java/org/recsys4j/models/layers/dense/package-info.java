/**
 * Dense blocks: fully connected stacks, the numeric pass-through, dropout (training only) and layer
 * and batch normalisation built from primitive ops.
 */
package org.recsys4j.models.layers.dense;
