/**
 * Feature-interaction layers: first-order terms, factorization-machine crosses, the cross networks
 * of DCN and DCN-V2, and xDeepFM's compressed interaction network.
 */
package org.recsys4j.models.layers.interaction;
