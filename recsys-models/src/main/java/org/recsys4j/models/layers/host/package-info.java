/**
 * Layers that train outside the SameDiff graph: {@link org.recsys4j.models.layers.host.HostLayer},
 * its {@link org.recsys4j.models.layers.host.HostKernel} and what a kernel reads and writes in a
 * step ({@link org.recsys4j.models.layers.host.HostStep}).
 */
package org.recsys4j.models.layers.host;
