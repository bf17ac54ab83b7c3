/** Feature-interaction layers: first-order terms and factorization-machine crosses. */
package org.recsys4j.models.layers.interaction;
