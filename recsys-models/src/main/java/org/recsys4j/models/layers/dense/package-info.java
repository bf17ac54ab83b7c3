/** Dense (fully connected) blocks. */
package org.recsys4j.models.layers.dense;
