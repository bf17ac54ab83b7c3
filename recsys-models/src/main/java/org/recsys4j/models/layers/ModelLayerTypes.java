package org.recsys4j.models.layers;

import java.util.List;
import org.recsys4j.core.layer.LayerType;
import org.recsys4j.core.layer.LayerTypeProvider;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.embedding.Embedding;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;

/** Registers this module's layers for JSON reading (a {@link java.util.ServiceLoader} service). */
public final class ModelLayerTypes implements LayerTypeProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public ModelLayerTypes() {}

  @Override
  public List<LayerType> layerTypes() {
    return List.of(
        new LayerType("embedding", Embedding.class),
        new LayerType("fm_cross", FmCross.class),
        new LayerType("linear_term", LinearTerm.class),
        new LayerType("mlp", Mlp.class));
  }
}
