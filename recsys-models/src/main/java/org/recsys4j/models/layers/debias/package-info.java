/**
 * Debiasing layers: the position-bias shallow tower, which absorbs the position effect on clicks in
 * training and is dropped (or fixed to a reference position) at inference.
 */
package org.recsys4j.models.layers.debias;
