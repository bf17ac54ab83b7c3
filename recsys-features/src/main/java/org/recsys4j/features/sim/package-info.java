/**
 * A seeded, deterministic simulator of an e-commerce home-feed funnel (exposure, click, order).
 *
 * <p>{@link org.recsys4j.features.sim.FunnelSimulator} streams one day of logs at a time ({@link
 * org.recsys4j.features.logs.DayLogs}) together with the true click and conversion probability of
 * every exposure, so the oracle AUC of any data set it writes is known. Every planted effect is a
 * named parameter of {@link org.recsys4j.features.sim.FunnelSimulatorConfig}, a record of six small
 * groups ({@link org.recsys4j.features.sim.WorldScale}, {@link org.recsys4j.features.sim.Schedule},
 * {@link org.recsys4j.features.sim.ClickEffects}, {@link
 * org.recsys4j.features.sim.ConversionEffects}, {@link org.recsys4j.features.sim.IncumbentRanker},
 * {@link org.recsys4j.features.sim.LogDirt}); {@code docs/simulator.md} tabulates them with their
 * default sizes. {@link org.recsys4j.features.sim.SimulatorLogs} writes the days as ordinary log
 * files for {@code logs.LogPipeline}, its oracle probabilities as extra columns.
 */
package org.recsys4j.features.sim;
