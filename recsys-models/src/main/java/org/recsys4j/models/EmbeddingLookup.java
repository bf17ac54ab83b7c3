package org.recsys4j.models;

import org.recsys4j.core.Check;
import org.recsys4j.models.layers.embedding.Embedding;

/**
 * One table looked up with one input's ids: the embedding's output {@code [B,F,D]} and mask
 * {@code [B,F]} are what the model's head receives under the embedding's name.
 *
 * @param embedding the embedding layer (and table) config
 * @param input the name of the {@link SparseInput} whose ids are looked up
 */
public record EmbeddingLookup(Embedding embedding, String input) {
  /** Validates. */
  public EmbeddingLookup {
    Check.notNull("lookup.embedding", embedding);
    Check.notNull("lookup.input", input);
  }
}
