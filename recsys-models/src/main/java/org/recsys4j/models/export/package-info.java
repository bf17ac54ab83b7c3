/**
 * Export of trained models to ONNX and TensorFlow SavedModel, and model packages.
 *
 * <p>The exporters do not know layers: {@link org.recsys4j.models.export.ExportPrograms} walks the
 * SameDiff inference graph of a {@link org.recsys4j.models.params.ModelSnapshot} op by op in
 * topological order and translates each op into a small, format-neutral {@link
 * org.recsys4j.models.export.ExportProgram} (the {@link org.recsys4j.models.export.OpKind} table),
 * replacing the graph's {@code <lookup>/rows} placeholders by gathers over the tables and its
 * {@code <lookup>/mask} placeholders by {@code ids != 0}. {@link
 * org.recsys4j.models.export.OnnxExporter} and {@link
 * org.recsys4j.models.export.SavedModelExporter} then write that program; a new layer exports
 * without new code as long as its ops are in the table. {@link
 * org.recsys4j.models.export.ModelPackage} bundles both files with the model, schema, snapshot,
 * checksums and metadata.
 */
package org.recsys4j.models.export;
