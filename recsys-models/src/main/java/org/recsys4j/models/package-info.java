/**
 * Ranking models as data, their layers and their training engine: {@code spec} (the {@link
 * org.recsys4j.models.spec.ModelSpec} and its JSON), {@code builder} (the fluent {@link
 * org.recsys4j.models.builder.ModelBuilder}), {@code zoo} (LR, FM, Wide&amp;Deep, DeepFM, DCN,
 * DCN-V2, xDeepFM as builder recipes), {@code layers} (filed by role), {@code graph} (a spec as a
 * SameDiff graph) and {@code train} (the {@link org.recsys4j.models.train.Trainer}).
 */
package org.recsys4j.models;
