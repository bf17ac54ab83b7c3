/**
 * Trained parameters as values: {@link org.recsys4j.models.params.ModelSnapshot} (a model spec with
 * its dense parameters and tables), and {@link org.recsys4j.models.params.TensorFile}, the one
 * binary format for named float tensors (snapshots, checkpoints, model packages).
 */
package org.recsys4j.models.params;
