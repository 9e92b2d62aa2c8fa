package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.testing.HostileDicom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line as a user runs it: output, JSON contract, help and argument errors. */
class CtpipeCommandTest {
  @TempDir
  Path dir;

  /** What one invocation printed and returned. */
  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CtpipeCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void inspectJsonHasExactlyTheDocumentedFields() throws Exception {
    Path series = dir.resolve("phantom");
    Run phantom = run("phantom", "--out", series.toString(), "--dims", "40x30x12", "--spacing", "8,8,3",
        "--seed", "4");
    assertEquals(0, phantom.exitCode(), phantom.err());
    assertTrue(phantom.out().startsWith("wrote 12 CT images of 40x30x12 to "), phantom.out());

    Run inspect = run("inspect", "--json", dir.toString());
    assertEquals(0, inspect.exitCode(), inspect.err());
    JsonNode array = new ObjectMapper().readTree(inspect.out());
    assertEquals(1, array.size());
    JsonNode s = array.get(0);
    List<String> fields = new ArrayList<>();
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      fields.add(it.next());
    }
    assertEquals(List.of("seriesInstanceUid", "studyInstanceUid", "modality", "instances", "dims", "spacing",
        "origin", "direction", "transferSyntaxes", "huMin", "huMax", "huMean", "flags", "decodeMillis"), fields);
    assertEquals("CT", s.get("modality").asText());
    assertEquals(12, s.get("instances").asInt());
    assertEquals("[40,30,12]", s.get("dims").toString());
    assertEquals("[8.0,8.0,3.0]", s.get("spacing").toString());
    assertEquals(9, s.get("direction").size());
    assertEquals("1.2.840.10008.1.2.1", s.get("transferSyntaxes").get(0).asText());
    assertEquals(0, s.get("flags").size());
    assertTrue(s.get("huMin").asDouble() <= -1000 && s.get("huMax").asDouble() > 300);
  }

  @Test
  void inspectTableAndSkippedFiles() throws Exception {
    run("phantom", "--out", dir.toString(), "--dims", "16x16x3", "--spacing", "10,10,5");
    Files.writeString(dir.resolve("notes.txt"), "not dicom");
    Run inspect = run("inspect", dir.toString());
    assertEquals(2, inspect.exitCode(), "a skipped file makes exit code 2: " + inspect.err());
    assertTrue(inspect.out().contains("grid       16 x 16 x 3 voxels, spacing 10.00, 10.00, 5.000 mm"),
        inspect.out());
    assertTrue(inspect.out().contains("flags      none"), inspect.out());
    assertTrue(inspect.err().contains("skipped 1 file(s):"), inspect.err());
    assertTrue(inspect.err().contains("notes.txt: not a DICOM file"), inspect.err());
    Files.delete(dir.resolve("notes.txt"));
    assertEquals(0, run("inspect", dir.toString()).exitCode(), "every file read");
  }

  /** A corrupt header in one file does not hide the other series of the folder. */
  @Test
  void aCorruptHeaderIsListedAndTheOtherSeriesAreReported() throws Exception {
    run("phantom", "--out", dir.resolve("a").toString(), "--dims", "16x16x3", "--spacing", "10,10,5");
    run("phantom", "--out", dir.resolve("b").toString(), "--dims", "12x12x4", "--spacing", "10,10,5", "--seed", "2");
    DicomReader reader = new DicomReader();
    Path donor;
    try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("a"))) {
      donor = files.sorted().findFirst().orElseThrow();
    }
    DicomFile file = reader.read(donor);
    file.dataset().putBytes(Tag.IMAGE_POSITION_PATIENT, Vr.DS, java.nio.ByteBuffer.wrap(
        "-148.800\u00ff\u00ff\u00ff4.700000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    file.dataset().putString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.1234567");
    DicomWriter.write(file.dataset(), file.transferSyntax(), dir.resolve("a/corrupt.dcm"));

    Run inspect = run("inspect", dir.toString());
    assertEquals(2, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("grid       16 x 16 x 3 voxels"), inspect.out());
    assertTrue(inspect.out().contains("grid       12 x 12 x 4 voxels"), inspect.out());
    assertTrue(inspect.err().contains("corrupt.dcm: image header unreadable: "), inspect.err());
    assertTrue(inspect.err().contains("(0020,0032)"), inspect.err());
  }

  /**
   * A slice cut short inside its pixel data rejects its series (the README's contract for a series that cannot be
   * assembled: a volume with a hole would pass for a CT), names the file on standard error, and the other series are
   * still reported: exit code 2.
   */
  @Test
  void aSliceCutShortInItsPixelDataRejectsItsSeriesAndTheOthersAreReported() throws Exception {
    run("phantom", "--out", dir.resolve("a").toString(), "--dims", "16x16x3", "--spacing", "10,10,5");
    run("phantom", "--out", dir.resolve("b").toString(), "--dims", "12x12x4", "--spacing", "10,10,5", "--seed", "2");
    Path cut;
    try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("b"))) {
      cut = files.sorted().skip(1).findFirst().orElseThrow();
    }
    HostileDicom.truncate(cut, (int) Files.size(cut) - 100);
    String uid = new DicomReader().readHeader(cut).dataset().string(Tag.SERIES_INSTANCE_UID).orElseThrow();

    Run inspect = run("inspect", dir.toString());
    assertEquals(2, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("grid       16 x 16 x 3 voxels"), inspect.out());
    String reason = cut + ": truncated data: element (7FE0,0010) declares a length of 288 bytes at offset ";
    assertTrue(inspect.out().contains("series   " + uid), inspect.out());
    assertTrue(inspect.out().contains("flags      REJECTED(UNDECODABLE): " + reason), inspect.out());
    assertTrue(inspect.err().contains("skipped 1 file(s):\n  " + cut + ": its series " + uid + " is rejected: "
        + reason), inspect.err());

    Run json = run("inspect", "--json", dir.toString());
    assertEquals(2, json.exitCode(), json.err());
    JsonNode rejected = new ObjectMapper().readTree(json.out()).get(1);
    assertEquals(uid, rejected.get("seriesInstanceUid").asText());
    assertTrue(rejected.get("dims").isNull());
    assertTrue(rejected.get("flags").get(0).asText().startsWith("REJECTED(UNDECODABLE): " + reason),
        rejected.toString());
  }

  @Test
  void rejectedSeriesIsReportedWithItsReason() throws Exception {
    Path file = dir.resolve("empty.dcm");
    Files.write(file, new byte[0]);
    Run inspect = run("inspect", "--json", dir.toString());
    assertEquals(1, inspect.exitCode(), "no image series found");
    assertEquals("[ ]", inspect.out().trim());
    assertTrue(inspect.err().contains("empty file (0 bytes)"), inspect.err());
  }

  @Test
  void inspectOfAMissingPathFails() {
    Run inspect = run("inspect", dir.resolve("nope").toString());
    assertEquals(1, inspect.exitCode());
    assertTrue(inspect.err().contains("no such file or folder"), inspect.err());
  }

  @Test
  void badPhantomArgumentsAreExplained() {
    Run dims = run("phantom", "--out", dir.toString(), "--dims", "12x12");
    assertEquals(2, dims.exitCode());
    assertTrue(dims.err().contains("expected COLUMNSxROWSxSLICES such as 256x256x200, got '12x12'"), dims.err());
    Run spacing = run("phantom", "--out", dir.toString(), "--spacing", "1,0,2");
    assertEquals(2, spacing.exitCode());
    assertTrue(spacing.err().contains("spacing must be positive, got '1,0,2'"), spacing.err());
    Run missing = run("phantom");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("Missing required option: '--out=<out>'"), missing.err());
  }

  @ParameterizedTest(name = "ctpipe {0} --help")
  @ValueSource(strings = {"demo", "inspect", "phantom", "bench"})
  void everySubcommandHasHelp(String command) {
    Run help = run(command, "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().startsWith("Usage: ctpipe " + command), help.out());
  }

  @Test
  void benchDecodeReportsThroughput() {
    run("phantom", "--out", dir.toString(), "--dims", "32x32x4", "--spacing", "10,10,5");
    Run bench = run("bench", "decode", "--runs", "1", "--warmup", "0", "--no-compare", dir.toString());
    assertEquals(0, bench.exitCode(), bench.err());
    assertTrue(bench.out().contains("| ctpipe: files to HU volume |"), bench.out());
    assertTrue(bench.out().contains("| ctpipe: read, parse, decode frames |"), bench.out());
  }
}
