package io.ctpipe.dicom.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.seg.SegWriter;
import io.ctpipe.dicom.seg.SegWriterFixture;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.OrthancServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STOW-RS, QIDO-RS and WADO-RS against a real Orthanc with the DICOMweb plugin. */
class DicomWebClientTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}: store CT and SEG, retrieve the SEG byte-identical")
  @CsvSource({"BINARY", "LABELMAP"})
  void storedSegComesBackByteIdentical(SegmentationType type) throws Exception {
    SegWriterFixture fixture = SegWriterFixture.phantom(dir.resolve("ct"));
    SegWriter.Seg seg = fixture.build(type);
    Path segFile = dir.resolve("seg.dcm");
    seg.write(segFile);
    Dciodvfy.assertValid(segFile);
    List<byte[]> ct = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("ct"))) {
      for (Path f : files.sorted().toList()) {
        ct.add(Files.readAllBytes(f));
      }
    }
    try (OrthancServer orthanc = OrthancServer.start()) {
      DicomWebClient client = new DicomWebClient(orthanc.dicomWeb(), Duration.ofSeconds(30), 1 << 30, null);
      client.store(ct);
      client.store(List.of(Files.readAllBytes(segFile)));
      byte[] back = client.retrieveInstance(fixture.studyInstanceUid(), seg.seriesInstanceUid(),
          seg.sopInstanceUid());
      assertArrayEquals(Files.readAllBytes(segFile), back);
      assertEquals(List.of(seg.sopInstanceUid()), client.searchInstances(fixture.studyInstanceUid(),
          seg.seriesInstanceUid()), "QIDO-RS finds the SEG");
      assertEquals(fixture.studyInstanceUid(), client.studyOfSeries(seg.seriesInstanceUid()));
      DicomWebException unknown = assertThrows(DicomWebException.class, () -> client.studyOfSeries("1.2.3.9"));
      assertTrue(unknown.getMessage().contains("found no series 1.2.3.9") && !unknown.retryable(),
          unknown.getMessage());
      DicomWebException missing = assertThrows(DicomWebException.class, () -> client.retrieveInstance(
          fixture.studyInstanceUid(), seg.seriesInstanceUid(), "1.2.3.4.5"));
      assertEquals(404, missing.status());
      assertFalse(missing.retryable());
      assertTrue(missing.getMessage().contains("answered HTTP 404"), missing.getMessage());
    }
  }

  @Test
  void multipartRoundTripAndMalformedResponses() throws Exception {
    byte[] a = "first\r\n--not-the-boundary".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[] {0, 1, 2, (byte) 0xFF};
    byte[] body = Multipart.encode(List.of(a, b), "application/dicom", "XyZ");
    List<byte[]> parts = Multipart.decode(body, Multipart.boundary("multipart/related; boundary=\"XyZ\"; "
        + "type=\"application/dicom\""));
    assertEquals(2, parts.size());
    assertArrayEquals(a, parts.get(0));
    assertArrayEquals(b, parts.get(1));
    DicomWebException noBoundary = assertThrows(DicomWebException.class,
        () -> Multipart.boundary("application/dicom"));
    assertTrue(noBoundary.getMessage().contains("has no multipart boundary"), noBoundary.getMessage());
    byte[] cut = java.util.Arrays.copyOf(body, body.length - 10);
    DicomWebException truncated = assertThrows(DicomWebException.class, () -> Multipart.decode(cut, "XyZ"));
    assertTrue(truncated.getMessage().contains("ends without its closing boundary"), truncated.getMessage());
  }
}
