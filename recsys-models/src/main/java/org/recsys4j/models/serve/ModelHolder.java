package org.recsys4j.models.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving version of a model, swapped atomically. A call reads the current {@link ScoringModel}
 * once and is scored entirely by it, so a response comes from exactly one version (its {@link
 * Scores#version()}); a swap never blocks or fails a call in flight, and the old version finishes
 * the calls it started.
 *
 * <p>A new version is fully built (file read and checked, parameters written into its graph) before
 * it is swapped in; if anything fails (a missing, truncated, corrupt or foreign file, a model whose
 * inputs, id ranges or heads differ from the serving one) the old version keeps serving and the
 * error names the cause.
 */
public final class ModelHolder {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

  private final AtomicReference<ScoringModel> current;

  /** A holder serving {@code initial}; later versions must accept the same requests. */
  public ModelHolder(ScoringModel initial) {
    this.current = new AtomicReference<>(Check.notNull("initial", initial));
  }

  /** The version serving now. */
  public ScoringModel current() {
    return current.get();
  }

  /** Scores a request on the current version. See {@link ScoringModel#score(ScoringRequest)}. */
  public Scores score(ScoringRequest request) {
    return current.get().score(request);
  }

  /** Scores a batch on the current version. See {@link ScoringModel#score(EncodedBatch)}. */
  public Scores score(EncodedBatch batch) {
    return current.get().score(batch);
  }

  /**
   * Makes {@code next} the serving version.
   *
   * @return the version it replaced
   * @throws IllegalArgumentException if {@code next} does not accept the serving version's requests
   *     (another schema, other id ranges, other heads, another split); the old version keeps
   *     serving
   */
  public ScoringModel swap(ScoringModel next) {
    Check.notNull("next", next);
    ScoringModel old = current.get();
    Check.arg(
        next.acceptsRequestsOf(old),
        "next",
        next,
        "must accept the requests of the serving "
            + old
            + ": its inputs, id ranges and heads "
            + next.contract()
            + " differ from "
            + old.contract());
    if (!current.compareAndSet(old, next)) {
      return swap(next); // another swap won: check against the version now serving
    }
    LOG.info("Swapped {} for {}", old, next);
    return old;
  }

  /**
   * Reads a model (a package version directory, checksums verified, or a snapshot file; its name is
   * the version; see {@link ScoringModel#read}) with the serving version's split, and swaps it in.
   *
   * @return the new version
   * @throws IOException if the package or file cannot be read (a missing file, a checksum mismatch,
   *     a truncated, corrupt, foreign or newer file); the old version keeps serving
   * @throws IllegalArgumentException if the model does not accept the serving version's requests;
   *     the old version keeps serving
   */
  public ScoringModel load(Path path) throws IOException {
    ScoringModel next = ScoringModel.read(path, current.get().split());
    swap(next);
    return next;
  }
}
