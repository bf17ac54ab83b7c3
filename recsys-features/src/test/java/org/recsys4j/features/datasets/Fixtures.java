package org.recsys4j.features.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small inline fixtures; tests never read the real data sets. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text, StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, String text, Charset charset) {
    try {
      return Files.write(dir.resolve(name), text.getBytes(charset));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
