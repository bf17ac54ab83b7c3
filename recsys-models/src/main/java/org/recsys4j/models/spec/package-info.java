/**
 * A model as data: {@link org.recsys4j.models.spec.ModelSpec} names its inputs, its tables, the
 * lookups of those tables, a small graph of layer {@link org.recsys4j.models.spec.Node}s and its
 * {@link org.recsys4j.models.spec.Head}s; {@link org.recsys4j.models.spec.ModelJson} writes and
 * reads it. Training, scoring and export all read this one value.
 */
package org.recsys4j.models.spec;
