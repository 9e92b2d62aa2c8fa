package io.ctpipe.transforms.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.transforms.manifest.SeriesRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching through Beam FileSystems: nested files, the size limit, empty folders; the retry policy. */
class FileSystemsFetcherTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void fileSystems() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private static FetchConfig limit(long bytes) {
    return new FetchConfig(bytes, Duration.ofSeconds(5), 1 << 20, 3, Duration.ofMillis(1), Duration.ofMillis(4),
        DicomWebAuth.Mode.NONE, java.util.List.of());
  }

  private SeriesRef ref(Path folder) {
    return SeriesRef.files("location:" + folder, folder.toString(), null, null, null, "test:1");
  }

  @Test
  void copiesNestedFilesKeepingTheirNames() throws Exception {
    Path series = Files.createDirectories(dir.resolve("series/sub"));
    Files.write(dir.resolve("series/a.dcm"), new byte[100]);
    Files.write(series.resolve("a.dcm"), new byte[50]);
    Path target = Files.createDirectories(dir.resolve("fetched"));
    FetchedSeries fetched = new FileSystemsFetcher(limit(1000)).fetch(ref(dir.resolve("series")), target);
    assertEquals(2, fetched.instances());
    assertEquals(150, fetched.bytes());
    try (var files = Files.list(target)) {
      assertEquals(2, files.count(), "the second a.dcm is numbered, not overwritten");
    }
  }

  @Test
  void seriesAboveTheLimitAreRefusedBeforeDownload() throws Exception {
    Files.createDirectories(dir.resolve("big"));
    Files.write(dir.resolve("big/x.dcm"), new byte[2000]);
    Path target = Files.createDirectories(dir.resolve("fetched"));
    FetchException e = assertThrows(FetchException.class,
        () -> new FileSystemsFetcher(limit(1000)).fetch(ref(dir.resolve("big")), target));
    assertEquals("the 1 files below " + dir.resolve("big") + " hold 2000 bytes, more than the limit of 1000",
        e.getMessage());
    assertFalse(e.retryable());
    try (var files = Files.list(target)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void emptyOrMissingFoldersArePermanentFailures() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    for (String name : new String[] {"empty", "missing"}) {
      FetchException e = assertThrows(FetchException.class,
          () -> new FileSystemsFetcher(limit(1000)).fetch(ref(dir.resolve(name)), dir));
      assertEquals("no files below " + dir.resolve(name), e.getMessage());
      assertFalse(e.retryable());
    }
  }

  @Test
  void retryRepeatsTransientFailuresOnlyAndCountsThem() throws Exception {
    Retry retry = new Retry(limit(1));
    AtomicInteger calls = new AtomicInteger();
    String value = retry.run("flaky", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("connection reset");
      }
      return "ok";
    });
    assertEquals("ok", value);
    assertEquals(2, retry.retries());
    FetchException exhausted = assertThrows(FetchException.class, () -> new Retry(limit(1)).run("down", () -> {
      throw new IOException("connection refused");
    }));
    assertEquals("down failed after 3 attempts: connection refused", exhausted.getMessage());
    assertTrue(exhausted.retryable());
    AtomicInteger once = new AtomicInteger();
    FetchException missing = assertThrows(FetchException.class, () -> new Retry(limit(1)).run("open", () -> {
      once.incrementAndGet();
      throw new java.nio.file.NoSuchFileException("/x");
    }));
    assertEquals(1, once.get(), "a missing file is not retried");
    assertFalse(missing.retryable());
  }
}
