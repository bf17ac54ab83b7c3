package org.recsys4j.core.layer;

import org.recsys4j.core.Check;
import org.recsys4j.core.json.Upgraders;

/**
 * A layer class, the {@code type} name it is written under in JSON, its current format version and
 * the steps that upgrade older formats.
 *
 * @param name the JSON {@code type}, e.g. {@code "fm_cross"}
 * @param layerClass the implementation
 * @param upgraders the current version and the upgrade steps from older ones
 */
public record LayerType(String name, Class<? extends Layer> layerClass, Upgraders upgraders) {
  /** Validates the name and that the upgraders belong to it. */
  public LayerType {
    Check.arg(
        name != null && name.matches("[a-z][a-z0-9_]*"),
        "layerType.name",
        name,
        "must match [a-z][a-z0-9_]*");
    Check.notNull("layerType.layerClass", layerClass);
    Check.notNull("layerType.upgraders", upgraders);
    Check.arg(
        upgraders.type().equals(name),
        "layerType.upgraders.type",
        upgraders.type(),
        "must equal layerType.name=" + name);
  }

  /** A layer type at {@code version} whose format never changed. */
  public static LayerType of(String name, Class<? extends Layer> layerClass, int version) {
    return new LayerType(name, layerClass, Upgraders.none(name, version));
  }
}
