package org.recsys4j.models.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.recsys4j.core.Check;
import org.recsys4j.core.data.EncodedBatch;
import org.recsys4j.models.export.ModelPackage;
import org.recsys4j.models.graph.ModelGraph;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.serve.RequestLayout.Batches;
import org.recsys4j.models.spec.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable, thread-safe model for serving, built from a {@link ModelSnapshot}: scores one user
 * against N candidates ({@link #score(ScoringRequest)}, the user's inputs read once and broadcast)
 * or a plain batch ({@link #score(EncodedBatch)}), and returns every head's probabilities with the
 * model's {@link #version()}.
 *
 * <p>Two paths ({@link #path()}), chosen from the spec's shape, not from a recipe's name:
 *
 * <ul>
 *   <li>{@link ScoringPath#FUSED} when every head is a logit made of linear terms and FM crosses
 *       over lookups (LR, FM): plain Java over the snapshot's float arrays; the user side's linear
 *       sum, embedding sum and sum of squares are computed once per request, then each candidate
 *       adds only its own fields;
 *   <li>{@link ScoringPath#GRAPH} otherwise: a pool of SameDiff inference graphs, each holding the
 *       snapshot's parameters and reusable input arrays, built once (one at construction, more as
 *       concurrent callers need them), never per call.
 * </ul>
 *
 * <p>Both equal {@code Trainer.predict} on the same parameters within 1e-6 ({@code
 * ScoringModelProperties}). Every call is checked first: a missing input, a wrong length (e.g. a
 * sequence of another {@code maxLen}), an id outside its table, a mask that is not {@code id != 0},
 * a non-finite number throw {@link IllegalArgumentException} naming the side ({@code request.user},
 * {@code request.candidates} or {@code batch}), the input, the row, the feature, the value and the
 * rule. An id inside its table but never trained scores with that row's initial value, as in
 * training.
 *
 * <p>The snapshot's arrays are shared, not copied: do not change them once the model is built.
 */
public final class ScoringModel {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringModel.class);

  private final ModelSnapshot snapshot;
  private final FieldSplit split;
  private final String version;
  private final RequestLayout layout;
  private final FusedLogit fused;
  private final ConcurrentLinkedQueue<GraphScorer> graphs = new ConcurrentLinkedQueue<>();

  private ScoringModel(ModelSnapshot snapshot, FieldSplit split, String version, ScoringPath path) {
    this.snapshot = Check.notNull("snapshot", snapshot);
    this.split = Check.notNull("split", split);
    this.version = Check.notNull("version", version);
    Check.arg(!version.isBlank(), "version", version, "must not be blank");
    RequestLayout idsOnly = new RequestLayout(snapshot.spec(), split, Set.of());
    Optional<FusedLogit> f =
        path == ScoringPath.GRAPH ? Optional.empty() : FusedLogit.plan(snapshot, idsOnly);
    Check.arg(
        path != ScoringPath.FUSED || f.isPresent(),
        "path",
        path,
        "is not possible for model "
            + snapshot.spec().name()
            + ": its heads are not sums of linear terms and FM crosses over lookups");
    this.fused = f.orElse(null);
    if (fused == null) {
      ModelGraph graph = GraphScorer.graph(snapshot.spec());
      this.layout = new RequestLayout(snapshot.spec(), split, graph.numericPlaceholders());
      graphs.add(new GraphScorer(snapshot, layout, graph)); // fails now on a missing parameter
    } else {
      this.layout = idsOnly; // the fused path reads no numbers
    }
    LOG.info(
        "Scoring model {} version {} (step {}): {} path, user side {}",
        snapshot.spec().name(),
        version,
        snapshot.step(),
        path(),
        split.userFeatures());
  }

  /**
   * A model over {@code snapshot}, on the fused path when the model's shape allows it, else on the
   * graph path.
   *
   * @param split which features a request's user batch supplies
   * @param version the name responses carry (e.g. the package's version directory)
   * @throws IllegalArgumentException if the split names a feature the model lacks, or the snapshot
   *     lacks a parameter of the model's graph
   */
  public static ScoringModel of(ModelSnapshot snapshot, FieldSplit split, String version) {
    return new ScoringModel(snapshot, split, version, null);
  }

  /**
   * As {@link #of(ModelSnapshot, FieldSplit, String)} on a given path (e.g. the graph for a model
   * that could be fused, to compare the two).
   *
   * @throws IllegalArgumentException if {@code path} is FUSED and the model's shape does not allow
   *     it
   */
  public static ScoringModel of(
      ModelSnapshot snapshot, FieldSplit split, String version, ScoringPath path) {
    return new ScoringModel(snapshot, split, version, Check.notNull("path", path));
  }

  /**
   * Reads a model from a model package's version directory ({@link ModelPackage#read}: every file
   * checked against its checksum first; the version is the directory's name, e.g. {@code 7} of
   * {@code models/ctr/7}), or from a {@link ModelSnapshot} file (the version is the file's name).
   *
   * @throws IOException naming the file and the problem: a package's missing file, checksum
   *     mismatch or unreadable file ({@link org.recsys4j.models.export.PackageException}), or a
   *     snapshot that is missing, truncated, corrupt, foreign or newer
   * @throws IllegalArgumentException if the split does not fit the model
   */
  public static ScoringModel read(Path path, FieldSplit split) throws IOException {
    Check.notNull("path", path);
    ModelSnapshot snapshot;
    if (Files.isDirectory(path)) {
      snapshot = ModelPackage.read(path).snapshot();
    } else if (Files.isRegularFile(path)) {
      snapshot = ModelSnapshot.read(path);
    } else {
      throw new IOException(
          path + " does not exist: a model is a package version directory or a snapshot file");
    }
    return of(snapshot, split, path.getFileName().toString());
  }

  /** The model's spec. */
  public ModelSpec spec() {
    return snapshot.spec();
  }

  /** The version responses carry. */
  public String version() {
    return version;
  }

  /** The split of a request's inputs into user and candidate sides. */
  public FieldSplit split() {
    return split;
  }

  /** The training step of the snapshot. */
  public long step() {
    return snapshot.step();
  }

  /** How scores are computed. */
  public ScoringPath path() {
    return fused != null ? ScoringPath.FUSED : ScoringPath.GRAPH;
  }

  /**
   * Scores one user against N candidates: row {@code i} of the result is candidate {@code i} with
   * the user's inputs.
   *
   * @throws IllegalArgumentException naming the side, input, row, feature, value and rule when the
   *     request does not fit the model
   */
  public Scores score(ScoringRequest request) {
    Check.notNull("request", request);
    return run(new Batches(request.user(), request.candidates()));
  }

  /**
   * Scores every row of {@code batch} on its own (every input read from the batch).
   *
   * @throws IllegalArgumentException naming the input, row, feature, value and rule when the batch
   *     does not fit the model
   */
  public Scores score(EncodedBatch batch) {
    Check.notNull("batch", batch);
    return run(new Batches(null, batch));
  }

  private Scores run(Batches b) {
    layout.check(b);
    if (fused != null) {
      return new Scores(version, fused.score(b));
    }
    GraphScorer g = graphs.poll();
    if (g == null) {
      g = new GraphScorer(snapshot, layout, GraphScorer.graph(snapshot.spec()));
    }
    try {
      Map<String, float[]> p = g.score(b);
      return new Scores(version, p);
    } finally {
      graphs.offer(g);
    }
  }

  /**
   * True if every request valid for {@code other} is valid for this model and means the same: the
   * same inputs, columns, sides, id ranges and heads. A {@link ModelHolder} swaps only such models.
   */
  public boolean acceptsRequestsOf(ScoringModel other) {
    return layout.sameContract(other.layout);
  }

  /** The request contract (inputs, columns, id ranges, heads), for messages. */
  String contract() {
    return layout.describe();
  }

  @Override
  public String toString() {
    return "ScoringModel[" + spec().name() + " " + version + ", " + path() + "]";
  }
}
