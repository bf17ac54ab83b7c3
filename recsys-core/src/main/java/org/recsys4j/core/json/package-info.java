/**
 * JSON helpers shared by every config that travels as JSON with a {@code type} and a {@code
 * version}.
 */
package org.recsys4j.core.json;
