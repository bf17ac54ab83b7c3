package org.recsys4j.models.layers;

import java.util.List;
import org.recsys4j.core.layer.LayerType;
import org.recsys4j.core.layer.LayerTypeProvider;
import org.recsys4j.models.layers.combine.LogitSum;
import org.recsys4j.models.layers.debias.PositionBiasTower;
import org.recsys4j.models.layers.dense.BatchNorm;
import org.recsys4j.models.layers.dense.DensePassThrough;
import org.recsys4j.models.layers.dense.Dropout;
import org.recsys4j.models.layers.dense.LayerNorm;
import org.recsys4j.models.layers.dense.Mlp;
import org.recsys4j.models.layers.embedding.BagPooling;
import org.recsys4j.models.layers.embedding.NumericEmbedding;
import org.recsys4j.models.layers.interaction.Cin;
import org.recsys4j.models.layers.interaction.CrossNetwork;
import org.recsys4j.models.layers.interaction.CrossNetworkV2;
import org.recsys4j.models.layers.interaction.FmCross;
import org.recsys4j.models.layers.interaction.LinearTerm;
import org.recsys4j.models.layers.multitask.EsmmProduct;
import org.recsys4j.models.layers.multitask.MultiGateMixture;
import org.recsys4j.models.layers.multitask.ProgressiveExtraction;
import org.recsys4j.models.layers.sequence.AttentionPooling;
import org.recsys4j.models.layers.sequence.Gru;
import org.recsys4j.models.layers.sequence.InterestAuxiliaryLoss;
import org.recsys4j.models.layers.structure.Concat;
import org.recsys4j.models.layers.structure.FieldSelect;
import org.recsys4j.models.layers.structure.Flatten;

/** Registers this module's layers for JSON reading (a {@link java.util.ServiceLoader} service). */
public final class ModelLayerTypes implements LayerTypeProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public ModelLayerTypes() {}

  @Override
  public List<LayerType> layerTypes() {
    return List.of(
        new LayerType("attention_pooling", AttentionPooling.class, AttentionPooling.UPGRADERS),
        LayerType.of("bag_pooling", BagPooling.class, BagPooling.VERSION),
        LayerType.of("batch_norm", BatchNorm.class, BatchNorm.VERSION),
        LayerType.of("cin", Cin.class, Cin.VERSION),
        LayerType.of("concat", Concat.class, Concat.VERSION),
        LayerType.of("cross_network", CrossNetwork.class, CrossNetwork.VERSION),
        LayerType.of("cross_network_v2", CrossNetworkV2.class, CrossNetworkV2.VERSION),
        LayerType.of("dense_pass_through", DensePassThrough.class, DensePassThrough.VERSION),
        LayerType.of("dropout", Dropout.class, Dropout.VERSION),
        LayerType.of("esmm_product", EsmmProduct.class, EsmmProduct.VERSION),
        LayerType.of("field_select", FieldSelect.class, FieldSelect.VERSION),
        LayerType.of("flatten", Flatten.class, Flatten.VERSION),
        LayerType.of("fm_cross", FmCross.class, FmCross.VERSION),
        LayerType.of("gru", Gru.class, Gru.VERSION),
        LayerType.of(
            "interest_auxiliary_loss", InterestAuxiliaryLoss.class, InterestAuxiliaryLoss.VERSION),
        LayerType.of("layer_norm", LayerNorm.class, LayerNorm.VERSION),
        LayerType.of("linear_term", LinearTerm.class, LinearTerm.VERSION),
        LayerType.of("logit_sum", LogitSum.class, LogitSum.VERSION),
        LayerType.of("mlp", Mlp.class, Mlp.VERSION),
        LayerType.of("mmoe", MultiGateMixture.class, MultiGateMixture.VERSION),
        LayerType.of("numeric_embedding", NumericEmbedding.class, NumericEmbedding.VERSION),
        LayerType.of("ple", ProgressiveExtraction.class, ProgressiveExtraction.VERSION),
        LayerType.of("position_bias_tower", PositionBiasTower.class, PositionBiasTower.VERSION));
  }
}
