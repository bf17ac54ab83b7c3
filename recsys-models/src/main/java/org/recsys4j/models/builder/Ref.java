package org.recsys4j.models.builder;

import org.recsys4j.core.Check;

/**
 * A handle to a value of a model under construction (a lookup, a numeric input or a node's output),
 * passed to {@link ModelBuilder#apply}.
 *
 * @param name the reference: a value's name, or {@code name:k} for its k-th output
 * @param keepMask whether a node applied to it receives its mask
 */
public record Ref(String name, boolean keepMask) {
  /** Validates. */
  public Ref {
    Check.notNull("ref.name", name);
  }

  /**
   * This value without its mask: for layers over lookups whose padding rows are exact zeros, so
   * that padded positions contribute exactly nothing anyway (FM, linear terms, flattening).
   */
  public Ref withoutMask() {
    return new Ref(name, false);
  }

  /** Output {@code k} of a multi-output value. */
  public Ref output(int k) {
    return new Ref(name + ":" + k, keepMask);
  }
}
