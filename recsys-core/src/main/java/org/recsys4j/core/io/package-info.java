/** File helpers shared by every module: atomic writes. */
package org.recsys4j.core.io;
