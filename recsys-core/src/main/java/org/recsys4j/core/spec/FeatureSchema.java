package org.recsys4j.core.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered, validated list of a model's {@link FeatureSpec}s, saved as JSON beside the model.
 *
 * <p>{@link Builder#build()} checks that names are unique, that every table reference other than a
 * feature's own name points to an existing table (a feature whose name and table are that name) and
 * that all features of one table have equal {@link FeatureSpec#space()} and {@link
 * FeatureSpec#embeddingDim()}.
 *
 * <p>JSON form: {@code {"type":"FeatureSchema","version":2,"features":[{"type":"categorical",
 * "name":"userId",...},...]}}; see {@code docs/features.md}. Reading fails on unknown keys, a
 * missing key, a wrong type or version, and on any spec rule.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureSchema {
  /** The {@code type} written to JSON. */
  public static final String JSON_TYPE = "FeatureSchema";

  /**
   * The JSON format version written by {@link #toJson()} and the only one read. Version 2 (issue 7)
   * moved bucketized numerics to ids {@code 1..n+1} with a dedicated missing id; a version-1 schema
   * is rejected because a model trained on its ids would silently read shifted rows.
   */
  public static final int JSON_VERSION = 2;

  private static final Logger LOG = LoggerFactory.getLogger(FeatureSchema.class);

  private final List<FeatureSpec> features;
  private final Map<String, FeatureSpec> byName;
  private final Map<String, TableSpec> tables;

  private FeatureSchema(
      List<FeatureSpec> features, Map<String, FeatureSpec> byName, Map<String, TableSpec> tables) {
    this.features = features;
    this.byName = byName;
    this.tables = tables;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this schema's features. */
  public Builder toBuilder() {
    Builder b = new Builder();
    features.forEach(b::add);
    return b;
  }

  /** The features in order. */
  public List<FeatureSpec> features() {
    return features;
  }

  /** The feature named {@code name}, if any. */
  public Optional<FeatureSpec> feature(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The embedding tables in order of first use, each with the rows its features need. */
  public List<TableSpec> tables() {
    return List.copyOf(tables.values());
  }

  /** The JSON form (compact, keys in a fixed order). */
  public String toJson() {
    return SpecJson.write(this);
  }

  /**
   * Reads {@link #toJson()} output.
   *
   * @throws IllegalArgumentException on malformed JSON, a wrong type or version, an unknown or
   *     missing key, or a broken spec or schema rule, naming the key or field
   */
  public static FeatureSchema fromJson(String json) {
    return SpecJson.read(json);
  }

  /**
   * Writes the JSON atomically ({@link AtomicFiles}): readers see the old file or the new one,
   * never a partial one; missing parent folders are created.
   *
   * @throws IOException if writing or the atomic move fails (e.g. the file system does not support
   *     atomic moves)
   */
  public void write(Path path) throws IOException {
    Check.notNull("path", path);
    AtomicFiles.write(path, toJson().getBytes(StandardCharsets.UTF_8));
    LOG.info("wrote feature schema with {} features to {}", features.size(), path.toAbsolutePath());
  }

  /**
   * Reads a schema written by {@link #write(Path)}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException as {@link #fromJson(String)}
   */
  public static FeatureSchema read(Path path) throws IOException {
    Check.notNull("path", path);
    return fromJson(Files.readString(path, StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSchema s && features.equals(s.features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureSchema" + features;
  }

  /** Fluent builder; {@link #build()} validates. */
  public static final class Builder {
    private final List<FeatureSpec> features = new ArrayList<>();

    private Builder() {}

    /** Appends a feature. */
    public Builder add(FeatureSpec spec) {
      features.add(Check.notNull("schema.features[" + features.size() + "]", spec));
      return this;
    }

    /** Appends features in order. */
    public Builder addAll(List<? extends FeatureSpec> specs) {
      Check.notNull("specs", specs);
      specs.forEach(this::add);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if there is no feature, a name repeats, a table reference
     *     dangles, or the features of one table differ in space, embedding dim or id mapping
     */
    public FeatureSchema build() {
      Check.arg(!features.isEmpty(), "schema.features.size", 0, "must be >= 1");
      Map<String, FeatureSpec> byName = new LinkedHashMap<>();
      for (int i = 0; i < features.size(); i++) {
        FeatureSpec f = features.get(i);
        Check.arg(
            byName.putIfAbsent(f.name(), f) == null,
            "schema.features[" + i + "].name",
            f.name(),
            "must be unique");
      }
      Map<String, TableSpec> tables = new LinkedHashMap<>();
      for (int i = 0; i < features.size(); i++) {
        FeatureSpec f = features.get(i);
        String t = f.table();
        if (t == null) {
          continue;
        }
        String field = "schema.features[" + i + "](" + f.name() + ").table";
        FeatureSpec owner = byName.get(t);
        Check.arg(
            owner != null && t.equals(owner.table()),
            field,
            t,
            "must name an existing table: a feature whose name and table are '" + t + "'");
        Check.arg(
            f.space() == owner.space(),
            "schema.features[" + i + "](" + f.name() + ").space",
            f.space(),
            "must equal space=" + owner.space() + " of table '" + t + "'");
        Check.arg(
            f.embeddingDim() == owner.embeddingDim(),
            "schema.features[" + i + "](" + f.name() + ").embeddingDim",
            f.embeddingDim(),
            "must equal embeddingDim=" + owner.embeddingDim() + " of table '" + t + "'");
        String scheme = Specs.idScheme(f);
        String ownerScheme = Specs.idScheme(owner);
        Check.arg(
            scheme.equals(ownerScheme),
            "schema.features[" + i + "](" + f.name() + ").ids",
            scheme,
            "must map values to ids like table '" + t + "': " + ownerScheme);
        TableSpec prev = tables.get(t);
        if (prev == null) {
          tables.put(t, new TableSpec(t, f.rows(), f.embeddingDim(), List.of(f.name())));
        } else {
          List<String> names = new ArrayList<>(prev.features());
          names.add(f.name());
          tables.put(
              t, new TableSpec(t, Math.max(prev.rows(), f.rows()), prev.embeddingDim(), names));
        }
      }
      return new FeatureSchema(List.copyOf(features), byName, tables);
    }
  }
}
