package org.recsys4j.features.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, defect 12: a gzip file cut short failed with {@code java.io.EOFException: null}, and
 * plain text named {@code .gz} with {@code ZipException: Not in GZIP format}; neither named the
 * file. Every gzip error must name the file and say what is wrong with it.
 */
class Defect12GzipErrorsNameTheFileTest {
  @TempDir Path dir;

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static void readAll(Path path, DelimitedFormat format) throws IOException {
    try (DelimitedReader r = DelimitedReader.open(path, format, ErrorPolicy.FAIL_FAST)) {
      while (r.next()) {
        r.row();
      }
    }
  }

  private static void assertNamesFile(Exception e, String file, String what) {
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains(file), () -> "message must name " + file + ": " + m);
    assertTrue(m.contains(what), () -> "message must say '" + what + "': " + m);
  }

  @Test
  void gzipCutShortInTheHeaderNamesTheFile() throws IOException {
    byte[] full = gzip("user,item,time\n1,2,3\n");
    Path cut = dir.resolve("cut-header.csv.gz");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));
    DelimitedFormat f = DelimitedFormat.csv().toBuilder().header(true).build();
    Exception e = assertThrows(Exception.class, () -> readAll(cut, f));
    assertNamesFile(e, "cut-header.csv.gz", "truncated");
  }

  @Test
  void gzipCutShortInTheRowsNamesTheFileAndLine() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append(i).append('\t').append(i * 7 % 1013).append('\n');
    }
    byte[] full = gzip(text.toString());
    Path cut = dir.resolve("cut-rows.tsv.gz");
    Files.write(cut, Arrays.copyOf(full, full.length - 40));
    Exception e = assertThrows(Exception.class, () -> readAll(cut, DelimitedFormat.tsv()));
    assertNamesFile(e, "cut-rows.tsv.gz", "truncated");
    assertTrue(e.getMessage().contains("after line"), e.getMessage());
  }

  @Test
  void plainTextNamedGzNamesTheFile() throws IOException {
    Path plain = dir.resolve("plain.tsv.gz");
    Files.writeString(plain, "1\t2\n3\t4\n");
    IOException e = assertThrows(IOException.class, () -> readAll(plain, DelimitedFormat.tsv()));
    assertNamesFile(e, "plain.tsv.gz", "not in gzip format");
  }

  @Test
  void emptyFileNamedGzNamesTheFile() throws IOException {
    Path empty = dir.resolve("empty.tsv.gz");
    Files.write(empty, new byte[0]);
    IOException e = assertThrows(IOException.class, () -> readAll(empty, DelimitedFormat.tsv()));
    assertNamesFile(e, "empty.tsv.gz", "not in gzip format");
  }
}
