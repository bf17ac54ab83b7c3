package org.recsys4j.core.layer;

import org.recsys4j.core.Check;

/**
 * A layer class and the {@code type} name it is written under in JSON.
 *
 * @param name the JSON {@code type}, e.g. {@code "fm_cross"}
 * @param layerClass the implementation
 */
public record LayerType(String name, Class<? extends Layer> layerClass) {
  /** Validates the name. */
  public LayerType {
    Check.arg(name != null && name.matches("[a-z][a-z0-9_]*"), "layerType.name", name,
        "must match [a-z][a-z0-9_]*");
    Check.notNull("layerType.layerClass", layerClass);
  }
}
