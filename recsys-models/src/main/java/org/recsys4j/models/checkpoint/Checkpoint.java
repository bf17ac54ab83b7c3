package org.recsys4j.models.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.params.Tensor;
import org.recsys4j.models.params.TensorFile;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.recsys4j.models.train.TableState;
import org.recsys4j.models.train.Trainer;
import org.recsys4j.models.train.TrainerConfig;
import org.recsys4j.models.train.TrainerConfigJson;
import org.recsys4j.models.train.TrainerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trainer's full state with the feature schema it was trained on, as a value and as one versioned
 * directory on disk: what resuming an interrupted training, or warm-starting a new day's update,
 * needs.
 *
 * <p>Layout of a checkpoint directory:
 *
 * <pre>
 *   checkpoint.json  {"type":"Checkpoint","version":1,"model":name,"step":n,
 *                     "files":{"model.json":{"bytes":..,"crc32c":..}, ...}}, written last
 *   model.json       the {@link ModelSpec} ({@link ModelJson})
 *   trainer.json     the {@link TrainerConfig} the state was trained with
 *   schema.json      the {@link FeatureSchema}, if one was given
 *   state.r4j        a {@link TensorFile} of kind {@value #STATE_KIND}: tensors dense/&lt;name&gt;
 *                    (parameters and state variables), slot&lt;k&gt;/&lt;name&gt; (dense optimizer
 *                    slots), rows/&lt;table&gt; ([n, 1+slots, D]: used rows with their slots) and
 *                    int64 ids/&lt;table&gt; (the used rows' ids)
 * </pre>
 *
 * <p>Atomicity: {@link #write} fills a hidden temporary directory beside the target ({@code
 * .<name>.tmp-*}), forces every file and the directory to disk, then renames it to the target. A
 * crash or {@code kill -9} at any point leaves either no checkpoint at the target or a complete
 * one; the temporary directory never loads (its name differs, and {@code checkpoint.json} comes
 * last). Replacing an existing checkpoint renames the old one aside ({@code .<name>.old-*}) just
 * before the new one moves in and deletes it after; a crash between the two renames leaves no
 * target, and {@link #read} then names the set-aside copy.
 *
 * <p>Integrity: every file's length and CRC32C are in {@code checkpoint.json}; {@code state.r4j}
 * also checks each tensor. Reading a truncated or corrupted file, a newer format version, or a
 * directory that is not a complete checkpoint is an {@link IOException} naming the file and the
 * problem; {@link #restore} into a trainer of another model is an {@link IllegalArgumentException}
 * naming the model; neither changes any state.
 */
public final class Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

  /** The envelope type of {@code checkpoint.json}. */
  public static final String TYPE = "Checkpoint";

  /** The format version this library writes and the newest it reads. */
  public static final int VERSION = 1;

  /** The {@link TensorFile} kind of {@code state.r4j}. */
  public static final String STATE_KIND = "checkpoint_state";

  static final String MANIFEST = "checkpoint.json";
  static final String MODEL = "model.json";
  static final String TRAINER = "trainer.json";
  static final String SCHEMA = "schema.json";
  static final String STATE = "state.r4j";

  private final TrainerState state;
  private final FeatureSchema schema;

  private Checkpoint(TrainerState state, FeatureSchema schema) {
    this.state = Check.notNull("checkpoint.state", state);
    this.schema = schema;
  }

  /** A checkpoint of {@code state} without a feature schema. */
  public static Checkpoint of(TrainerState state) {
    return new Checkpoint(state, null);
  }

  /** A checkpoint of {@code state} and the feature schema its inputs were encoded with. */
  public static Checkpoint of(TrainerState state, FeatureSchema schema) {
    return new Checkpoint(state, Check.notNull("checkpoint.schema", schema));
  }

  /** A checkpoint of the trainer's current state ({@link Trainer#state()}), without a schema. */
  public static Checkpoint of(Trainer trainer) {
    return of(trainer.state());
  }

  /** A checkpoint of the trainer's current state and the feature schema. */
  public static Checkpoint of(Trainer trainer, FeatureSchema schema) {
    return of(trainer.state(), schema);
  }

  /** The trainer state. */
  public TrainerState state() {
    return state;
  }

  /** The model. */
  public ModelSpec spec() {
    return state.spec();
  }

  /** The settings the state was trained with. */
  public TrainerConfig config() {
    return state.config();
  }

  /** Training steps taken. */
  public long step() {
    return state.step();
  }

  /** The feature schema, if one was saved. */
  public Optional<FeatureSchema> schema() {
    return Optional.ofNullable(schema);
  }

  /**
   * Sets {@code trainer}'s full state from this checkpoint (see {@link Trainer#loadState}).
   *
   * @throws IllegalArgumentException if the trainer trains another model or optimizer kind; nothing
   *     is changed then
   */
  public void restore(Trainer trainer) {
    Check.notNull("trainer", trainer);
    trainer.loadState(state);
  }

  /** A new trainer with the saved settings and this checkpoint's state. */
  public Trainer newTrainer() {
    return newTrainer(state.config());
  }

  /**
   * A new trainer with settings {@code config} (e.g. another learning rate for a warm start; the
   * optimizers must be of the saved kinds) and this checkpoint's state.
   *
   * @throws IllegalArgumentException if an optimizer is of another kind than the saved one
   */
  public Trainer newTrainer(TrainerConfig config) {
    Trainer t = new Trainer(state.spec(), config);
    try {
      t.loadState(state);
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /**
   * Writes the checkpoint to directory {@code dir} atomically, replacing a checkpoint there.
   *
   * @throws IOException on a file-system failure; {@code dir} is then unchanged
   */
  public void write(Path dir) throws IOException {
    Check.notNull("dir", dir);
    long t0 = System.nanoTime();
    Path target = dir.toAbsolutePath().normalize();
    Check.arg(target.getParent() != null, "dir", dir, "must not be a file-system root");
    AtomicFiles.writeFolder(
        target,
        tmp -> {
          ObjectNode files = TypedJson.mapper().createObjectNode();
          writeJson(tmp, MODEL, ModelJson.toTree(state.spec()), files);
          writeJson(tmp, TRAINER, TrainerConfigJson.toTree(state.config()), files);
          if (schema != null) {
            writeJson(tmp, SCHEMA, TypedJson.mapper().readTree(schema.toJson()), files);
          }
          TensorFile.write(tmp.resolve(STATE), stateContents());
          files.set(STATE, fileEntry(tmp.resolve(STATE)));
          ObjectNode manifest = TypedJson.envelope(TYPE, VERSION);
          manifest.put("model", state.spec().name());
          manifest.put("step", state.step());
          manifest.set("files", files);
          AtomicFiles.write(tmp.resolve(MANIFEST), TypedJson.mapper().writeValueAsBytes(manifest));
        });
    LOG.info(
        "wrote checkpoint of model {} at step {} to {} in {} ms",
        state.spec().name(),
        state.step(),
        target,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Reads a checkpoint written by {@link #write}.
   *
   * @throws IOException naming the file and the problem: not a complete checkpoint, a newer format
   *     version, a truncated or corrupted file (length or CRC32C), an invalid model, schema or
   *     config
   */
  public static Checkpoint read(Path dir) throws IOException {
    Check.notNull("dir", dir);
    Path manifestPath = dir.resolve(MANIFEST);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a checkpoint directory" + setAside(dir));
    }
    if (!Files.isRegularFile(manifestPath)) {
      throw new IOException(
          dir + " is not a complete checkpoint: " + MANIFEST + " is missing" + setAside(dir));
    }
    JsonNode manifest;
    try {
      manifest = TypedJson.parseObject(Files.readString(manifestPath, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(manifestPath + " is corrupt: " + e.getMessage(), e);
    }
    if (!TYPE.equals(manifest.path("type").asText())) {
      throw new IOException(
          manifestPath + ": type '" + manifest.path("type").asText() + "' is not " + TYPE);
    }
    int version = manifest.path("version").asInt(-1);
    if (version > VERSION) {
      throw new IOException(
          manifestPath
              + ": checkpoint version "
              + version
              + " is newer than this library reads ("
              + VERSION
              + "); upgrade recsys4j");
    }
    if (version < 1) {
      throw new IOException(manifestPath + ": checkpoint version " + version + " is invalid");
    }
    JsonNode files = manifest.path("files");
    for (String f : new String[] {MODEL, TRAINER, STATE}) {
      if (!files.has(f)) {
        throw new IOException(manifestPath + " is corrupt: it lists no " + f);
      }
    }
    java.util.Iterator<String> names = files.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!java.util.List.of(MODEL, TRAINER, SCHEMA, STATE).contains(f)) {
        throw new IOException(manifestPath + " is corrupt: it lists an unknown file '" + f + "'");
      }
      verify(dir.resolve(f), files.get(f));
    }
    try {
      ModelSpec spec = ModelJson.fromJson(readString(dir, MODEL));
      TrainerConfig config =
          TrainerConfigJson.fromTree(TypedJson.parseObject(readString(dir, TRAINER)), "trainer");
      FeatureSchema schema =
          files.has(SCHEMA) ? FeatureSchema.fromJson(readString(dir, SCHEMA)) : null;
      TensorFile.Contents c = TensorFile.read(dir.resolve(STATE), STATE_KIND);
      return new Checkpoint(toState(spec, config, c), schema);
    } catch (IllegalArgumentException e) {
      throw new IOException(dir + " is not a valid checkpoint: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the checkpoint in {@code dir} and restores {@code trainer} from it; see {@link #read} and
   * {@link #restore}. Nothing is changed on an error.
   */
  public static Checkpoint load(Path dir, Trainer trainer) throws IOException {
    Checkpoint c = read(dir);
    c.restore(trainer);
    return c;
  }

  private TensorFile.Contents stateContents() {
    ObjectNode meta = TypedJson.mapper().createObjectNode();
    meta.put("step", state.step());
    var params = meta.putArray("parameters");
    state.denseSlots().keySet().forEach(params::add);
    Map<String, Tensor> ts = new LinkedHashMap<>();
    Map<String, long[]> ls = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : state.dense().entrySet()) {
      ts.put("dense/" + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, float[][]> e : state.denseSlots().entrySet()) {
      long[] shape = state.dense().get(e.getKey()).shape();
      for (int k = 0; k < e.getValue().length; k++) {
        ts.put("slot" + k + "/" + e.getKey(), Tensor.of(e.getValue()[k], shape));
      }
    }
    for (TableState t : state.tables().values()) {
      ts.put("rows/" + t.name(), Tensor.of(t.rows(), t.ids().length, 1 + t.slots(), t.dim()));
      long[] ids = new long[t.ids().length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = t.ids()[i];
      }
      ls.put("ids/" + t.name(), ids);
    }
    return new TensorFile.Contents(STATE_KIND, meta, ts, ls);
  }

  private static TrainerState toState(ModelSpec spec, TrainerConfig config, TensorFile.Contents c) {
    Map<String, Tensor> dense = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
      if (e.getKey().startsWith("dense/")) {
        dense.put(e.getKey().substring(6), e.getValue());
      }
    }
    Map<String, float[][]> slots = new LinkedHashMap<>();
    int denseSlots = config.denseOptimizer().slots();
    for (JsonNode p : c.meta().path("parameters")) {
      String n = p.asText();
      float[][] s = new float[denseSlots][];
      for (int k = 0; k < denseSlots; k++) {
        Tensor t = c.tensors().get("slot" + k + "/" + n);
        Check.arg(t != null, "slot" + k + "/" + n, null, "must be in " + STATE);
        s[k] = t.values();
      }
      slots.put(n, s);
    }
    Map<String, TableState> tables = new LinkedHashMap<>();
    for (var t : spec.tables()) {
      Tensor rows = c.tensors().get("rows/" + t.name());
      long[] ids = c.longs().get("ids/" + t.name());
      Check.arg(
          rows != null && ids != null,
          "state.tables",
          t.name(),
          "must be in " + STATE + " (rows/ and ids/ entries)");
      Check.arg(
          rows.shape().length == 3 && rows.shape()[0] == ids.length,
          "rows/" + t.name() + ".shape",
          java.util.Arrays.toString(rows.shape()),
          "must be [ids.length=" + ids.length + ", 1+slots, D]");
      int[] ii = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        Check.arg(
            ids[i] > 0 && ids[i] < t.rows(),
            "ids/" + t.name() + "[" + i + "]",
            ids[i],
            "must be in [1, " + t.rows() + ")");
        ii[i] = (int) ids[i];
      }
      tables.put(
          t.name(),
          new TableState(
              t.name(), t.rows(), t.dim(), (int) rows.shape()[1] - 1, ii, rows.values()));
    }
    return new TrainerState(spec, config, c.meta().path("step").asLong(-1), dense, slots, tables);
  }

  private static void writeJson(Path dir, String file, JsonNode tree, ObjectNode files)
      throws IOException {
    byte[] bytes = TypedJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    AtomicFiles.write(dir.resolve(file), bytes);
    files.set(file, fileEntry(dir.resolve(file)));
  }

  private static ObjectNode fileEntry(Path file) throws IOException {
    ObjectNode n = TypedJson.mapper().createObjectNode();
    n.put("bytes", Files.size(file));
    n.put("crc32c", String.format("%08x", crc(file)));
    return n;
  }

  private static void verify(Path file, JsonNode entry) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is missing from its checkpoint");
    }
    long size = Files.size(file);
    long expected = entry.path("bytes").asLong(-1);
    if (size < expected) {
      throw new IOException(file + " is truncated: " + size + " bytes, expected " + expected);
    }
    if (size != expected) {
      throw new IOException(file + " is corrupt: " + size + " bytes, expected " + expected);
    }
    if (!String.format("%08x", crc(file)).equals(entry.path("crc32c").asText())) {
      throw new IOException(file + " is corrupt: its CRC32C differs from " + MANIFEST);
    }
  }

  private static long crc(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }

  private static String readString(Path dir, String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }

  /** A hint naming a copy that an interrupted replacement set aside, or "". */
  private static String setAside(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return "";
    }
    String prefix = AtomicFiles.asidePrefix(abs);
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> Files.isRegularFile(p.resolve(MANIFEST)))
          .findFirst()
          .map(
              p ->
                  " (a save that replaced it was interrupted; the previous checkpoint is at "
                      + p
                      + ": rename it back)")
          .orElse("");
    }
  }
}
