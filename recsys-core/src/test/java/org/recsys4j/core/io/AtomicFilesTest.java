package org.recsys4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes replace whole files, leave no temporary file, and abandon cleanly. */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void replacesTheTargetAndCreatesFolders() throws IOException {
    Path target = dir.resolve("a.json");
    Files.writeString(target, "old content, longer than the new");
    AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), files());
    Path deep = dir.resolve("x").resolve("y").resolve("b.bin");
    AtomicFiles.write(deep, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(deep));
  }

  @Test
  void failedBodyLeavesTheTargetAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("a.json");
    Files.writeString(target, "old");
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.write(
                target,
                ch -> {
                  ch.write(ByteBuffer.wrap(new byte[] {9}));
                  throw new IOException("disk full");
                }));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void pendingWriteCommitsOrAbandons() throws IOException {
    Path target = dir.resolve("c.arrow");
    try (AtomicFiles.Pending p = AtomicFiles.open(target)) {
      p.channel().write(ByteBuffer.wrap(new byte[] {4, 5}));
      assertEquals(1, files().size());
      assertEquals(false, Files.exists(target));
    }
    assertEquals(List.of(), files());
    AtomicFiles.Pending p = AtomicFiles.open(target);
    p.channel().write(ByteBuffer.wrap(new byte[] {4, 5}));
    p.commit();
    p.close();
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
    assertThrows(IllegalStateException.class, p::commit);
    assertEquals(List.of(target), files());
  }

  @Test
  void failedMoveDeletesTheTemporaryFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("d"));
    Files.writeString(folder.resolve("inside"), "x");
    assertThrows(IOException.class, () -> AtomicFiles.write(folder, new byte[] {1}));
    assertEquals(List.of(folder), files());
  }

  @Test
  void writtenFileHasTheUsualPermissions() throws IOException {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path target = dir.resolve("e.txt");
    AtomicFiles.write(target, new byte[] {1});
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
  }

  @Test
  void folderIsReplacedWholeOrNotAtAll() throws IOException {
    Path target = dir.resolve("ckpt");
    AtomicFiles.writeFolder(target, f -> Files.writeString(f.resolve("a"), "1"));
    AtomicFiles.writeFolder(target, f -> Files.writeString(f.resolve("b"), "2"));
    try (Stream<Path> s = Files.list(target)) {
      assertEquals(List.of(target.resolve("b")), s.toList());
    }
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.writeFolder(
                target,
                f -> {
                  Files.writeString(f.resolve("c"), "3");
                  throw new IOException("disk full");
                }));
    assertEquals("2", Files.readString(target.resolve("b")));
    assertEquals(List.of(target), files());
    assertEquals(".ckpt.old-", AtomicFiles.asidePrefix(target));
  }
}
