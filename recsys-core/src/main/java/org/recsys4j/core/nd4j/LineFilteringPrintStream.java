package org.recsys4j.core.nd4j;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A {@link PrintStream} that forwards every call to {@code target} unchanged, except {@code
 * println(String)} and {@code println(Object)} of a line that starts with one of {@code
 * dropPrefixes} while {@code dropping} says so for the calling thread: those lines are counted and
 * dropped. Each call is forwarded as the same call, so the target's locking and charset apply as if
 * it were called directly.
 */
final class LineFilteringPrintStream extends PrintStream {
  private final PrintStream target;
  private final List<String> dropPrefixes;
  private final BooleanSupplier dropping;
  private final ThreadLocal<long[]> dropped = ThreadLocal.withInitial(() -> new long[1]);

  LineFilteringPrintStream(
      PrintStream target, List<String> dropPrefixes, BooleanSupplier dropping) {
    super(target, false);
    this.target = target;
    this.dropPrefixes = List.copyOf(dropPrefixes);
    this.dropping = dropping;
  }

  /** The stream every call is forwarded to. */
  PrintStream target() {
    return target;
  }

  /** Lines the calling thread had dropped so far; resets the count to 0. */
  long takeDropped() {
    long[] count = dropped.get();
    long n = count[0];
    dropped.remove();
    return n;
  }

  private boolean drop(String line) {
    if (line == null || !dropping.getAsBoolean()) {
      return false;
    }
    for (String prefix : dropPrefixes) {
      if (line.startsWith(prefix)) {
        dropped.get()[0]++;
        return true;
      }
    }
    return false;
  }

  @Override
  public void println(String x) {
    if (!drop(x)) {
      target.println(x);
    }
  }

  @Override
  public void println(Object x) {
    if (!(x instanceof String s && drop(s))) {
      target.println(x);
    }
  }

  @Override
  public void write(int b) {
    target.write(b);
  }

  @Override
  public void write(byte[] buf, int off, int len) {
    target.write(buf, off, len);
  }

  @Override
  public void write(byte[] buf) {
    target.write(buf, 0, buf.length);
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public void close() {
    target.close();
  }

  @Override
  public boolean checkError() {
    return target.checkError();
  }

  @Override
  public void print(boolean b) {
    target.print(b);
  }

  @Override
  public void print(char c) {
    target.print(c);
  }

  @Override
  public void print(int i) {
    target.print(i);
  }

  @Override
  public void print(long l) {
    target.print(l);
  }

  @Override
  public void print(float f) {
    target.print(f);
  }

  @Override
  public void print(double d) {
    target.print(d);
  }

  @Override
  public void print(char[] s) {
    target.print(s);
  }

  @Override
  public void print(String s) {
    target.print(s);
  }

  @Override
  public void print(Object obj) {
    target.print(obj);
  }

  @Override
  public void println() {
    target.println();
  }

  @Override
  public void println(boolean x) {
    target.println(x);
  }

  @Override
  public void println(char x) {
    target.println(x);
  }

  @Override
  public void println(int x) {
    target.println(x);
  }

  @Override
  public void println(long x) {
    target.println(x);
  }

  @Override
  public void println(float x) {
    target.println(x);
  }

  @Override
  public void println(double x) {
    target.println(x);
  }

  @Override
  public void println(char[] x) {
    target.println(x);
  }

  @Override
  public PrintStream printf(String format, Object... args) {
    target.printf(format, args);
    return this;
  }

  @Override
  public PrintStream printf(Locale l, String format, Object... args) {
    target.printf(l, format, args);
    return this;
  }

  @Override
  public PrintStream format(String format, Object... args) {
    target.format(format, args);
    return this;
  }

  @Override
  public PrintStream format(Locale l, String format, Object... args) {
    target.format(l, format, args);
    return this;
  }

  @Override
  public PrintStream append(CharSequence csq) {
    target.append(csq);
    return this;
  }

  @Override
  public PrintStream append(CharSequence csq, int start, int end) {
    target.append(csq, start, end);
    return this;
  }

  @Override
  public PrintStream append(char c) {
    target.append(c);
    return this;
  }
}
