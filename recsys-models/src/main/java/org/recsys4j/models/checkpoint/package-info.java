/**
 * Checkpoints: a trainer's full state (model, schema, settings, step, tables with optimizer slots,
 * dense parameters and their optimizer state) in one versioned directory, written atomically and
 * checked by CRC32C, to resume training bit-identically or to warm-start a new day's update.
 */
package org.recsys4j.models.checkpoint;
