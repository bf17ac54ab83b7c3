package org.recsys4j.features.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsys4j.features.io.ErrorPolicy;
import org.recsys4j.features.io.MalformedLineException;
import org.recsys4j.features.io.MalformedReason;
import org.recsys4j.features.io.ReadReport;
import org.recsys4j.features.io.RecordReader;

class MovieLensTest {
  @TempDir Path dir;

  private static final String U_DATA =
      "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n";

  @Test
  void readsUData() throws IOException {
    Path p = Fixtures.write(dir, "u.data", U_DATA);
    RecordReader<Rating> r = MovieLens.ratings100k(p, ErrorPolicy.FAIL_FAST);
    List<Rating> all = r.readAll();
    assertEquals(3, all.size());
    assertEquals(new Rating(196, 242, 3, 881250949L), all.get(0));
    assertEquals(3, r.report().rowsReturned());
  }

  @Test
  void malformedRatingsUnderBothPolicies() throws IOException {
    String text = U_DATA + "1\t2\t3\n1\t2\t9\t5\n1\tx\t3\t5\n\n7\t8\t5\t100\n";
    Path p = Fixtures.write(dir, "u.data", text);
    MalformedLineException e =
        assertThrows(
            MalformedLineException.class,
            () -> MovieLens.ratings100k(p, ErrorPolicy.FAIL_FAST).readAll());
    assertEquals("u.data", e.source());
    assertEquals(4, e.lineNumber());
    assertEquals(MalformedReason.COLUMN_COUNT, e.reason());

    RecordReader<Rating> skip = MovieLens.ratings100k(p, ErrorPolicy.SKIP_AND_COUNT);
    List<Rating> all = skip.readAll();
    assertEquals(4, all.size());
    assertEquals(new Rating(7, 8, 5, 100), all.get(3));
    ReadReport rep = skip.report();
    assertEquals(8, rep.linesRead());
    assertEquals(1, rep.blankLines());
    assertEquals(1, rep.skipped(MalformedReason.COLUMN_COUNT));
    assertEquals(2, rep.skipped(MalformedReason.BAD_VALUE));
  }

  @Test
  void readsUUserAndUItemInLatin1() throws IOException {
    Path users =
        Fixtures.write(
            dir, "u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n3|23|X|writer|32067\n");
    RecordReader<MovieLensUser> ur = MovieLens.users100k(users, ErrorPolicy.SKIP_AND_COUNT);
    assertEquals(
        List.of(
            new MovieLensUser(1, 24, "M", "technician", "85711"),
            new MovieLensUser(2, 53, "F", "other", "94043")),
        ur.readAll());
    assertEquals(1, ur.report().skipped(MalformedReason.BAD_VALUE));

    String flags1 = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    String flags2 = "|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0";
    Path items =
        Fixtures.write(
            dir,
            "u.item",
            "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
                + flags1
                + "\n"
                + "267|unknown||||"
                + flags2.substring(1)
                + "\n"
                + "1300|Jules et Jim (1961)|01-Jan-1961||x"
                + flags1.replace("|1|1|1", "|1|2|1")
                + "\n"
                + "1554|Séraphine (1998)|01-Jan-1998||y"
                + flags2
                + "\n",
            StandardCharsets.ISO_8859_1);
    assertThrows(
        MalformedLineException.class,
        () -> MovieLens.movies100k(items, ErrorPolicy.FAIL_FAST).readAll());
    RecordReader<MovieLensMovie> mr = MovieLens.movies100k(items, ErrorPolicy.SKIP_AND_COUNT);
    List<MovieLensMovie> movies = mr.readAll();
    assertEquals(3, movies.size());
    assertEquals(List.of("Animation", "Children's", "Comedy"), movies.get(0).genres());
    assertEquals("01-Jan-1995", movies.get(0).releaseDate());
    assertEquals("", movies.get(1).releaseDate());
    assertEquals(List.of("unknown"), movies.get(1).genres());
    assertEquals("Séraphine (1998)", movies.get(2).title());
    assertEquals(1, mr.report().skipped(MalformedReason.BAD_VALUE));
  }

  @Test
  void readsMovieLens1m() throws IOException {
    Path ratings =
        Fixtures.write(
            dir,
            "ratings.dat",
            "1::1193::5::978300760\n1::661::3::978302109\n2::1357::5::978298709\n");
    assertEquals(
        new Rating(1, 661, 3, 978302109L),
        MovieLens.ratings1m(ratings, ErrorPolicy.FAIL_FAST).readAll().get(1));

    Path users = Fixtures.write(dir, "users.dat", "1::F::1::10::48067\n2::M::56::16::70072\n");
    assertEquals(
        List.of(
            new MovieLensUser(1, 1, "F", "10", "48067"),
            new MovieLensUser(2, 56, "M", "16", "70072")),
        MovieLens.users1m(users, ErrorPolicy.FAIL_FAST).readAll());

    Path movies =
        Fixtures.write(
            dir,
            "movies.dat",
            "1::Toy Story (1995)::Animation|Children's|Comedy\n"
                + "2::Jumanji (1995)\n"
                + "3::Café (1999)::Drama\n",
            StandardCharsets.ISO_8859_1);
    RecordReader<MovieLensMovie> mr = MovieLens.movies1m(movies, ErrorPolicy.SKIP_AND_COUNT);
    List<MovieLensMovie> all = mr.readAll();
    assertEquals(
        List.of(
            new MovieLensMovie(
                1, "Toy Story (1995)", "", "", List.of("Animation", "Children's", "Comedy")),
            new MovieLensMovie(3, "Café (1999)", "", "", List.of("Drama"))),
        all);
    assertEquals(1, mr.report().skipped(MalformedReason.COLUMN_COUNT));
    MalformedLineException e =
        assertThrows(
            MalformedLineException.class,
            () -> MovieLens.movies1m(movies, ErrorPolicy.FAIL_FAST).readAll());
    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().startsWith("movies.dat:2: COLUMN_COUNT"), e.getMessage());
  }

  @Test
  void streamClosesAndCounts() throws IOException {
    Path p = Fixtures.write(dir, "u.data", U_DATA);
    RecordReader<Rating> r = MovieLens.ratings100k(p, ErrorPolicy.FAIL_FAST);
    try (var s = r.stream()) {
      assertEquals(3 + 3 + 1, s.mapToInt(Rating::rating).sum());
    }
    assertFalse(r.hasNext());
    RecordReader<Rating> closed = MovieLens.ratings100k(p, ErrorPolicy.FAIL_FAST);
    closed.stream().close();
    assertThrows(IllegalStateException.class, closed::hasNext);
  }
}
