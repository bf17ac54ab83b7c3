package org.recsys4j.models;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.recsys4j.core.layer.DefineContext;
import org.recsys4j.core.layer.LayerOutput;

/**
 * A ranking model: which sparse inputs it reads, which embedding tables it looks them up in, and
 * how it wires layers from those embeddings to one logit per example.
 *
 * <p>Models only wire layers; they never train or checkpoint (that is {@link
 * org.recsys4j.models.train.SparseTrainer}'s job).
 */
public interface RankingModel {

  /** The model's name. */
  String name();

  /** The sparse inputs, each with its number of ids per example. */
  List<SparseInput> inputs();

  /** The embedding lookups; every lookup's input is one of {@link #inputs()}. */
  List<EmbeddingLookup> lookups();

  /**
   * Defines the model's head.
   *
   * @param sd the graph
   * @param embedded each lookup's output ({@code [B,F,D]} with mask {@code [B,F]}), keyed by the
   *     embedding's name
   * @param context parameter type and seed
   * @return the logits, shape {@code [B,1]}
   */
  SDVariable defineLogits(SameDiff sd, Map<String, LayerOutput> embedded, DefineContext context);
}
