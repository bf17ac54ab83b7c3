/**
 * Multi-task layers: ESMM's product {@code pCTCVR = pCTR·pCVR} over the whole exposure space, and
 * the expert mixtures MMoE and PLE that let several task towers share (and not share) a bottom.
 */
package org.recsys4j.models.layers.multitask;
