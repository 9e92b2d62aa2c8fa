package io.ctpipe.dicom.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.pixel.PixelFormat;
import io.ctpipe.dicom.testing.SharedData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over ctpipe's DICOM reading: every shared DICOM file (when shared/data is there), a
 * phantom series and ctpipe's own SEGs, mutated by {@link Mutator} and run through {@link FuzzTarget}. Each input
 * must end in a result or an IOException within the allocation bound (an input that hangs is caught by the build's
 * fork timeout, not timed here); the committed corpus of inputs found by longer campaigns is replayed first.
 * {@code -Dctpipe.fuzz.iterations=N -Dctpipe.fuzz.seed=S} runs a longer campaign (docs/dicom-conformance.md).
 */
class DicomFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("ctpipe.fuzz.iterations", 3000);
  private static final long SEED = Long.getLong("ctpipe.fuzz.seed", 20261130L);
  /** Where a campaign saves the first input of each kind of rejection found after parsing (the corpus's source). */
  private static final String SAVE_KINDS_TO = System.getProperty("ctpipe.fuzz.saveKindsTo");
  /** Inputs larger than this are not saved: the committed corpus stays small. */
  private static final int MAX_SAVED_BYTES = 16 * 1024;
  /** Two decoded frames of the largest size ctpipe accepts, with their working copies, plus 64 MB. */
  private static final long ALLOCATION_BOUND = 4 * 2 * PixelFormat.MAX_PIXELS_PER_FRAME + (64L << 20);

  @TempDir
  Path scratch;

  @Test
  void committedCorpusEndsInResultsOrDocumentedErrors() throws Exception {
    Path corpus = Path.of("src/test/resources/fuzz-corpus");
    List<Path> inputs;
    try (Stream<Path> files = Files.list(corpus)) {
      inputs = files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
    }
    assertTrue(!inputs.isEmpty(), "the corpus at " + corpus + " is empty");
    FuzzTarget target = new FuzzTarget(scratch);
    for (Path input : inputs) {
      check(target, Files.readAllBytes(input), input.getFileName().toString());
    }
  }

  @Test
  void mutatedFilesEndInResultsOrDocumentedErrors() throws Exception {
    List<byte[]> seeds = seeds();
    Mutator mutator = new Mutator(SEED, seeds);
    FuzzTarget target = new FuzzTarget(scratch);
    Map<FuzzTarget.Outcome, Integer> outcomes = new EnumMap<>(FuzzTarget.Outcome.class);
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    long maxAllocated = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = mutator.next();
      Result r = check(target, input, "seed " + SEED + " input " + i);
      outcomes.merge(r.result().outcome(), 1, Integer::sum);
      maxAllocated = Math.max(maxAllocated, r.allocated());
      if (kinds.add(r.result().kind()) && SAVE_KINDS_TO != null && input.length <= MAX_SAVED_BYTES
          && r.result().outcome() == FuzzTarget.Outcome.REJECTED_LATER) {
        Files.createDirectories(Path.of(SAVE_KINDS_TO));
        Files.write(Path.of(SAVE_KINDS_TO, "seed" + SEED + "-input" + i + ".dcm"), input);
      }
    }
    System.out.printf("fuzz: %d inputs from %d seeds, outcomes %s, %d kinds of rejection, max allocated %d MB%n",
        ITERATIONS, seeds.size(), outcomes, kinds.size(), maxAllocated >> 20);
    assertTrue(outcomes.getOrDefault(FuzzTarget.Outcome.READ, 0) > 0, "some mutations should still read: "
        + outcomes);
    assertTrue(outcomes.getOrDefault(FuzzTarget.Outcome.REJECTED_LATER, 0) > 0, "some mutations should get past "
        + "the parser: " + outcomes);
  }

  private record Result(FuzzTarget.Result result, long allocated) {}

  private Result check(FuzzTarget target, byte[] input, String name) throws IOException {
    try {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      FuzzTarget.Result outcome = target.run(input);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (allocated > ALLOCATION_BOUND + 64L * input.length) {
        throw new AssertionError(name + " allocated " + (allocated >> 20) + " MB for " + input.length
            + " bytes of input");
      }
      return new Result(outcome, allocated);
    } catch (Throwable t) {
      Path saved = Path.of("target/fuzz-findings").resolve(name.replaceAll("[^A-Za-z0-9.-]+", "-") + ".dcm");
      Files.createDirectories(saved.getParent());
      Files.write(saved, input);
      fail(name + " ended in " + t + "; saved to " + saved + " (add it to src/test/resources/fuzz-corpus once "
          + "fixed)", t);
      return null;
    }
  }

  /** Phantom slices and SEGs always; every DICOM file of shared/data when it is present. */
  private List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    Path phantom = scratch.resolve("phantom");
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {24, 20, 3}, new double[] {10, 10, 8}, 7), phantom);
    addFiles(phantom, seeds);
    Path corpus = Path.of("src/test/resources/fuzz-corpus");
    addFiles(corpus, seeds);
    if (SharedData.available()) {
      for (String folder : List.of("ct", "transfer-syntax", "seg-examples")) {
        addFiles(SharedData.root().resolve("data").resolve(folder), seeds);
      }
    }
    return seeds;
  }

  private static void addFiles(Path folder, List<byte[]> seeds) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M') {
          seeds.add(bytes);
        }
      }
    }
  }
}
