package org.recsys4j.models.export;

import java.io.IOException;
import java.nio.file.Path;

/** A model package that cannot be read: which file, and what is wrong with it. */
public final class PackageException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Reason {
    /** A file the package lists (or always holds) is absent. */
    MISSING_FILE,
    /** A file's SHA-256 differs from the one in the checksum list. */
    CHECKSUM_MISMATCH,
    /** A file is present and intact but cannot be parsed (truncated when written, foreign). */
    UNREADABLE,
    /** The package folder to write already exists: versions are immutable. */
    VERSION_EXISTS
  }

  private final transient Path file;
  private final Reason reason;

  /**
   * An error about {@code file}.
   *
   * @param file the file (or folder) concerned
   * @param reason what is wrong
   * @param detail the specifics (expected and actual checksums, the parser's message)
   * @param cause the underlying failure, or {@code null}
   */
  public PackageException(Path file, Reason reason, String detail, Throwable cause) {
    super("model package file " + file + ": " + reason + ": " + detail, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The file concerned. */
  public Path file() {
    return file;
  }

  /** What is wrong. */
  public Reason reason() {
    return reason;
  }
}
