package org.recsys4j.models.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import onnx.Onnx;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.recsys4j.core.json.TypedJson;
import org.recsys4j.core.spec.FeatureSchema;
import org.recsys4j.models.params.ModelSnapshot;
import org.recsys4j.models.spec.ModelJson;
import org.recsys4j.models.spec.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.framework.SavedModel;

/**
 * One version of a trained model on disk, everything a server needs, written atomically and read
 * back only when every checksum holds.
 *
 * <pre>
 * &lt;modelDir&gt;/&lt;version&gt;/
 *   model.json                   the spec ({@link ModelJson})
 *   schema.json                  the feature schema (encodes raw requests)
 *   snapshot.bin                 the parameters ({@link ModelSnapshot}); the in-JVM scorer loads it
 *   model.onnx [model.onnx.data] ONNX export ({@link OnnxExporter})
 *   saved_model/1/saved_model.pb SavedModel export ({@link SavedModelExporter}); TF-Serving's
 *                                model_base_path is {@code saved_model}
 *   metadata.json                library version, training data span, test metrics, step
 *   SHA256SUMS                   "&lt;sha256&gt;  &lt;path&gt;" for every other file ({@code sha256sum -c})
 * </pre>
 *
 * <p>Writing fills a temporary sibling folder and renames it to {@code <version>}: readers see no
 * version or a complete one. An existing version is never overwritten.
 *
 * @param dir the version folder
 * @param spec the model
 * @param schema the feature schema
 * @param snapshot the parameters
 * @param metadata what the package records about the model
 */
public record ModelPackage(
    Path dir,
    ModelSpec spec,
    FeatureSchema schema,
    ModelSnapshot snapshot,
    PackageMetadata metadata) {
  /** File name of the spec. */
  public static final String MODEL_JSON = "model.json";

  /** File name of the schema. */
  public static final String SCHEMA_JSON = "schema.json";

  /** File name of the snapshot. */
  public static final String SNAPSHOT = "snapshot.bin";

  /** File name of the ONNX model. */
  public static final String ONNX = "model.onnx";

  /** Folder of the SavedModel base path (holding version {@code 1}). */
  public static final String SAVED_MODEL = "saved_model";

  /** File name of the metadata. */
  public static final String METADATA = "metadata.json";

  /** File name of the checksum list. */
  public static final String CHECKSUMS = "SHA256SUMS";

  /** The JSON envelope type of the metadata file. */
  public static final String METADATA_TYPE = "model_package";

  /** The JSON envelope version of the metadata file. */
  public static final int METADATA_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(ModelPackage.class);

  /** Validates. */
  public ModelPackage {
    Check.notNull("package.dir", dir);
    Check.notNull("package.spec", spec);
    Check.notNull("package.schema", schema);
    Check.notNull("package.snapshot", snapshot);
    Check.notNull("package.metadata", metadata);
  }

  /** The ONNX model file. */
  public Path onnxFile() {
    return dir.resolve(ONNX);
  }

  /** The SavedModel version folder ({@code saved_model/1}), what TensorFlow Java loads. */
  public Path savedModelDir() {
    return dir.resolve(SAVED_MODEL).resolve("1");
  }

  /**
   * Exports {@code snapshot} to both formats and writes version {@code version} of its model under
   * {@code modelDir}, atomically.
   *
   * @return the package as written
   * @throws PackageException (VERSION_EXISTS) if the version folder exists
   * @throws UnsupportedOpException if the model has an op without an export mapping
   * @throws IOException on a file-system failure (nothing is left behind)
   */
  public static ModelPackage write(
      Path modelDir,
      int version,
      ModelSnapshot snapshot,
      FeatureSchema schema,
      PackageMetadata metadata,
      OnnxExporter onnx)
      throws IOException {
    Check.positive("package.version", version);
    Path target = modelDir.resolve(Integer.toString(version));
    if (Files.exists(target)) {
      throw new PackageException(
          target, PackageException.Reason.VERSION_EXISTS, "versions are never overwritten", null);
    }
    ExportProgram program = ExportPrograms.of(snapshot);
    AtomicFiles.writeFolder(
        target,
        tmp -> {
          ModelJson.write(snapshot.spec(), tmp.resolve(MODEL_JSON));
          AtomicFiles.write(
              tmp.resolve(SCHEMA_JSON), schema.toJson().getBytes(StandardCharsets.UTF_8));
          snapshot.write(tmp.resolve(SNAPSHOT));
          onnx.write(program, tmp.resolve(ONNX));
          SavedModelExporter.write(program, tmp.resolve(SAVED_MODEL).resolve("1"));
          ObjectNode meta = TypedJson.envelope(METADATA_TYPE, METADATA_VERSION);
          meta.put("model", snapshot.spec().name());
          meta.put("packageVersion", version);
          meta.put("step", snapshot.step());
          meta.put("onnxOpset", OnnxExporter.OPSET);
          meta.set("metadata", TypedJson.mapper().valueToTree(metadata));
          AtomicFiles.write(
              tmp.resolve(METADATA),
              TypedJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
          StringBuilder sums = new StringBuilder();
          for (Path f : files(tmp)) {
            sums.append(sha256(f)).append("  ").append(relative(tmp, f)).append('\n');
          }
          AtomicFiles.write(
              tmp.resolve(CHECKSUMS), sums.toString().getBytes(StandardCharsets.UTF_8));
        });
    LOG.info("wrote model package {} version {} to {}", snapshot.spec().name(), version, target);
    return new ModelPackage(target, snapshot.spec(), schema, snapshot, metadata);
  }

  /**
   * Reads the package in {@code versionDir}, first checking every file against {@value #CHECKSUMS}.
   *
   * @throws PackageException naming the file: MISSING_FILE, CHECKSUM_MISMATCH or UNREADABLE
   * @throws IOException on a file-system failure
   */
  public static ModelPackage read(Path versionDir) throws IOException {
    Path sumsFile = versionDir.resolve(CHECKSUMS);
    if (!Files.isRegularFile(sumsFile)) {
      throw new PackageException(
          sumsFile,
          PackageException.Reason.MISSING_FILE,
          "every package lists its checksums",
          null);
    }
    Map<String, String> sums = new LinkedHashMap<>();
    for (String line : Files.readAllLines(sumsFile, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      int sep = line.indexOf("  ");
      if (sep != 64) {
        throw new PackageException(
            sumsFile,
            PackageException.Reason.UNREADABLE,
            "line '" + line + "' is not '<sha256>  <path>'",
            null);
      }
      sums.put(line.substring(sep + 2), line.substring(0, sep));
    }
    for (String required :
        List.of(
            MODEL_JSON,
            SCHEMA_JSON,
            SNAPSHOT,
            ONNX,
            METADATA,
            SAVED_MODEL + "/1/" + SavedModelExporter.FILE)) {
      if (!sums.containsKey(required)) {
        throw new PackageException(
            versionDir.resolve(required),
            PackageException.Reason.MISSING_FILE,
            "not listed in " + CHECKSUMS,
            null);
      }
    }
    for (Map.Entry<String, String> e : sums.entrySet()) {
      Path f = versionDir.resolve(e.getKey()).normalize();
      if (!f.startsWith(versionDir.normalize())) {
        throw new PackageException(
            f, PackageException.Reason.UNREADABLE, "lies outside the package", null);
      }
      if (!Files.isRegularFile(f)) {
        throw new PackageException(
            f, PackageException.Reason.MISSING_FILE, "listed in " + CHECKSUMS, null);
      }
      String actual = sha256(f);
      if (!actual.equals(e.getValue())) {
        throw new PackageException(
            f,
            PackageException.Reason.CHECKSUM_MISMATCH,
            "sha256 " + actual + " must equal " + e.getValue() + " from " + CHECKSUMS,
            null);
      }
    }
    ModelSpec spec =
        parse(versionDir.resolve(MODEL_JSON), () -> ModelJson.read(versionDir.resolve(MODEL_JSON)));
    FeatureSchema schema =
        parse(
            versionDir.resolve(SCHEMA_JSON),
            () -> FeatureSchema.read(versionDir.resolve(SCHEMA_JSON)));
    ModelSnapshot snapshot =
        parse(versionDir.resolve(SNAPSHOT), () -> ModelSnapshot.read(versionDir.resolve(SNAPSHOT)));
    if (!snapshot.spec().equals(spec)) {
      throw new PackageException(
          versionDir.resolve(SNAPSHOT),
          PackageException.Reason.UNREADABLE,
          "its model differs from " + MODEL_JSON,
          null);
    }
    Path onnx = versionDir.resolve(ONNX);
    parse(
        onnx,
        () -> {
          try (InputStream in = Files.newInputStream(onnx)) {
            Onnx.ModelProto m = Onnx.ModelProto.parseFrom(in);
            Check.arg(
                m.hasGraph() && m.getGraph().getOutputCount() > 0,
                "onnx.graph",
                m.getGraph().getName(),
                "must have outputs");
            return m;
          }
        });
    Path pb = versionDir.resolve(SAVED_MODEL).resolve("1").resolve(SavedModelExporter.FILE);
    parse(
        pb,
        () -> {
          try (InputStream in = Files.newInputStream(pb)) {
            SavedModel sm = SavedModel.parseFrom(in);
            Check.arg(
                sm.getMetaGraphsCount() == 1,
                "savedModel.metaGraphs",
                sm.getMetaGraphsCount(),
                "must be 1");
            return sm;
          }
        });
    PackageMetadata metadata =
        parse(
            versionDir.resolve(METADATA),
            () -> {
              JsonNode node =
                  TypedJson.read(
                      Files.readString(versionDir.resolve(METADATA)),
                      METADATA_TYPE,
                      METADATA_VERSION);
              return TypedJson.mapper().treeToValue(node.get("metadata"), PackageMetadata.class);
            });
    return new ModelPackage(versionDir, spec, schema, snapshot, metadata);
  }

  /**
   * The highest version folder under {@code modelDir} (a name of digits), if any.
   *
   * @throws IOException on a file-system failure
   */
  public static Optional<Path> latestVersion(Path modelDir) throws IOException {
    if (!Files.isDirectory(modelDir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(modelDir)) {
      return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("[0-9]{1,9}"))
          .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())));
    }
  }

  /** Reads a file's content, turning a parse failure into UNREADABLE. */
  @FunctionalInterface
  private interface Parse<T> {
    T run() throws Exception;
  }

  private static <T> T parse(Path file, Parse<T> p) throws PackageException {
    try {
      return p.run();
    } catch (Exception e) {
      throw new PackageException(
          file, PackageException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
      return out;
    }
  }

  private static String relative(Path root, Path f) {
    return root.relativize(f).toString().replace('\\', '/');
  }

  static String sha256(Path f) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(f)) {
        for (int n = in.read(buf); n > 0; n = in.read(buf)) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
