package org.recsys4j.core.layer;

import java.util.List;

/**
 * Service-provider interface through which modules register their layers for JSON reading.
 *
 * <p>A module lists its provider in {@code
 * META-INF/services/org.recsys4j.core.layer.LayerTypeProvider}; {@link LayerJson} finds every
 * provider on the class path with {@link java.util.ServiceLoader}.
 */
public interface LayerTypeProvider {
  /** The layer types this module contributes. */
  List<LayerType> layerTypes();
}
