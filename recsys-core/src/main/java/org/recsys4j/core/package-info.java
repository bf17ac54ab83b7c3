/**
 * Core building blocks shared by every recsys4j module: argument checks with messages that name the
 * field, the value and the rule ({@link org.recsys4j.core.Check}).
 *
 * <p>This package has no dependency on other recsys4j modules. The layer contract lives in {@link
 * org.recsys4j.core.layer}.
 */
package org.recsys4j.core;
