/**
 * Encoded data as both sides see it: {@link org.recsys4j.core.data.EncodedBatch} holds a batch's
 * model inputs (ids, numeric values, bags and sequences with their masks) as flat row-major arrays
 * keyed by input name. The feature encoder writes it; trainers and scorers read it.
 */
package org.recsys4j.core.data;
