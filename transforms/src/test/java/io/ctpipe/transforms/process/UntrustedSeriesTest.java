package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ctpipe.dicom.testing.CraftedUids;
import io.ctpipe.transforms.fetch.DicomWebAuth;
import io.ctpipe.transforms.fetch.FetchConfig;
import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.SeriesResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Hostile series and references end as dead letters with their reason; nothing is written outside the output. */
public class UntrustedSeriesTest {
  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aStudyUidThatClimbsOutOfTheOutputIsADecodeDeadLetter() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("nest", "out").toPath();
    CraftedUids.replace(cohort.series.get(0).folder(), cohort.series.get(0).studyInstanceUid(), "../../x");
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, false))) {
      SeriesResult crafted = p.process(cohort.refs.get(0));
      assertFalse(crafted.complete());
      DeadLetter dead = crafted.deadLetters().get(0);
      assertEquals("decode", dead.stage().column());
      assertEquals("StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than digits and "
          + "dots", dead.message());
      assertTrue(p.process(cohort.refs.get(1)).complete());
    }
    try (Stream<Path> outside = Files.walk(output.getParent().getParent())) {
      assertEquals(0, outside.filter(f -> f.toString().endsWith(".seg.dcm") && !f.startsWith(output)).count());
    }
  }

  @Test
  public void anUnknownSchemeIsAFetchDeadLetterAndLeavesNoAttemptBehind() throws Exception {
    Path output = folder.newFolder("out").toPath();
    SeriesRef ref = SeriesRef.files("location:foo://bucket/x/", "foo://bucket/x/", null, null, null, "m.txt:1");
    for (String run : new String[] {"run-1", "run-2", "run-3"}) {
      try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, run, true, true, 0))) {
        DeadLetter dead = p.process(ref).deadLetters().get(0);
        assertEquals("fetch", dead.stage().column());
        assertTrue(dead.message(), dead.message().startsWith(
            "cannot fetch foo://bucket/x/: No filesystem found for scheme foo"));
      }
    }
    try (Stream<Path> files = Files.walk(output)) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().contains(".attempt-")).count());
    }
  }

  @Test
  public void anEmptyCommittedResultIsQuarantinedAndTheSeriesProcessedAgain() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef a = cohort.refs.get(0);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", true, false, 0))) {
      Path result = Path.of(new SeriesResultStore(output.toString(), p.configurationHash()).resultPath(a.key()));
      Files.createDirectories(result.getParent());
      Files.write(result, new byte[0]);
      SeriesResult again = p.process(a);
      assertFalse(again.reused());
      assertTrue(again.complete());
      Path quarantined = output.resolve("_ctpipe/quarantine").resolve(p.configurationHash())
          .resolve(OutputFiles.keyFileName(a.key()) + "-run-1.avro");
      assertTrue(Files.isRegularFile(quarantined));
      assertEquals(0, Files.size(quarantined));
      assertTrue("the fresh result is committed", Files.size(result) > 0);
    }
  }

  @Test
  public void aStoreRefusingTheSegForAnotherReasonLeavesTheSeriesPartialAndRetryable() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/dicomWeb/studies", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        byte[] body = ("{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":{\"vr\":\"US\",\"Value\":[290]}}]}}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
        exchange.sendResponseHeaders(409, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    try {
      ProcessingConfig plain = Cohort.config(output, false);
      FetchConfig once = new FetchConfig(1L << 30, Duration.ofSeconds(10), 1 << 20, 1, Duration.ofMillis(1),
          Duration.ofMillis(1), DicomWebAuth.Mode.NONE, List.of());
      ProcessingConfig stow = new ProcessingConfig(plain.output(), plain.bprModel(), plain.segModels(),
          plain.inference(), plain.profile(), plain.segType(), plain.runId(), plain.contentTime(), false, false,
          "http://127.0.0.1:" + server.getAddress().getPort() + "/dicomWeb", plain.ctpipeVersion(), once, 0, 2, Map.of(), null);
      try (SeriesProcessor p = new SeriesProcessor(stow)) {
        SeriesResult outcome = p.process(cohort.refs.get(0));
        assertFalse(outcome.complete());
        assertFalse(outcome.settled());
        DeadLetter dead = outcome.deadLetters().get(0);
        assertEquals("write", dead.stage().column());
        assertTrue(dead.retryable());
        assertTrue(dead.message(), dead.message().endsWith("refused an instance "
            + "(SOP Class not supported; not stored, a later run retries): failure reason 0122H"));
        assertFalse("a retryable outcome is not committed",
            Files.exists(Path.of(new SeriesResultStore(output.toString(), p.configurationHash())
                .resultPath(cohort.refs.get(0).key()))));
      }
    } finally {
      server.stop(0);
    }
  }
}
