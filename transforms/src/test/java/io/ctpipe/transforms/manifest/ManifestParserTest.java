package io.ctpipe.transforms.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real-format manifests (test resources in ManifestParserTest/) become series references or numbered problems. */
class ManifestParserTest {
  private static final String UUID_0 = "0a1b2c3d-1111-4222-8333-444455556666";

  private static ParsedManifest parse(String resource, ManifestOptions options) throws IOException {
    try (InputStream in = ManifestParserTest.class.getResourceAsStream("/ManifestParserTest/" + resource)) {
      return ManifestParser.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), options);
    }
  }

  private static ParsedManifest parse(String resource) throws IOException {
    return parse(resource, ManifestOptions.defaults());
  }

  @Test
  void s5cmdPortalManifestMapsIdcBucketsToTheirGcsMirrors() throws Exception {
    String name = "manifest_cohort_4711_20261126_101500_gcs.s5cmd";
    ParsedManifest m = parse(name);
    List<String> locations = m.refs().stream().map(SeriesRef::location).toList();
    assertEquals(List.of("gs://idc-open-data/" + UUID_0 + "/",
        "gs://idc-open-idc1/1a1b2c3d-1111-4222-8333-444455556666/",
        "gs://idc-open-data/2a1b2c3d-1111-4222-8333-444455556666/",
        "gs://idc-open-data/" + UUID_0 + "/",
        "gs://idc-open-cr/3a1b2c3d-1111-4222-8333-444455556666/",
        "gs://idc-open-data/4a1b2c3d-1111-4222-8333-444455556666/"), locations);
    SeriesRef first = m.refs().get(0);
    assertEquals("crdc:" + UUID_0, first.key());
    assertEquals(name + ":8", first.origin());
    assertEquals(SeriesRef.Source.FILES, first.source());
    assertNull(first.seriesInstanceUid());
    assertEquals(2, m.problems().size());
    assertEquals(14, m.problems().get(0).line());
    assertEquals("not an s5cmd 'cp SOURCE DESTINATION' line", m.problems().get(0).reason());
    assertTrue(m.problems().get(1).reason().contains("'https://example.org/file.dcm' is not an s3:// or gs:// URL"),
        m.problems().get(1).reason());
  }

  @Test
  void s3UrlsStayWhenGcsIsNotPreferred() throws Exception {
    ParsedManifest m = parse("manifest_cohort_4711_20261126_101500_gcs.s5cmd",
        new ManifestOptions(false, "idc-open-data", null));
    assertEquals("s3://idc-open-data-two/1a1b2c3d-1111-4222-8333-444455556666/", m.refs().get(1).location());
  }

  @Test
  void portalCsvAndTsvSkipMetadataRowsAndUseTheSeriesUuid() throws Exception {
    for (String file : List.of("portal.csv", "portal.tsv")) {
      ParsedManifest m = parse(file);
      assertEquals(2, m.refs().size(), file);
      SeriesRef second = m.refs().get(1);
      assertEquals("gs://idc-open-data/6a1b2c3d-1111-4222-8333-444455556666/", second.location());
      assertEquals("1.2.826.0.1.3680043.8.498.201", second.seriesInstanceUid());
      assertEquals("1.2.826.0.1.3680043.8.498.200", second.studyInstanceUid());
      assertEquals("tcga_kirc; cptac_ccrcc", second.collectionId(), "quoted cell with the separator");
      assertEquals(file + ":9", second.origin());
      assertEquals(1, m.problems().size());
      assertEquals(10, m.problems().get(0).line());
      assertEquals("3 cells but the column row has 8", m.problems().get(0).reason());
    }
  }

  @Test
  void idcIndexRowsUseTheirSeriesUrlAndReportOtherModalities() throws Exception {
    ParsedManifest m = parse("idc_index.csv");
    assertEquals(List.of("gs://idc-open-data/5a1b2c3d-1111-4222-8333-444455556666/",
        "gs://idc-open-idc1/8a1b2c3d-1111-4222-8333-444455556666/"), m.refs().stream().map(SeriesRef::location)
        .toList());
    assertEquals("qin_headneck", m.refs().get(1).collectionId());
    assertEquals(1, m.problems().size());
    assertEquals(3, m.problems().get(0).line());
    assertEquals("Modality MR is not CT", m.problems().get(0).reason());
  }

  @Test
  void instanceLevelBigQueryExportCollapsesToItsSeriesFolder() throws Exception {
    ParsedManifest m = parse("bigquery_instances.csv");
    assertEquals(2, m.refs().size());
    assertEquals(m.refs().get(0).key(), m.refs().get(1).key(), "same series: deduplicated by the pipeline");
    assertEquals("gs://idc-open-data/5a1b2c3d-1111-4222-8333-444455556666/", m.refs().get(0).location());
    assertTrue(m.problems().isEmpty());
  }

  @Test
  void portalJsonRowsWithOnlyUidsNeedADicomWebStore() throws Exception {
    ParsedManifest without = parse("portal.json");
    assertEquals(1, without.refs().size());
    assertEquals(2, without.problems().size());
    assertTrue(without.problems().get(0).reason().contains("no --dicomWebUrl was given"),
        without.problems().get(0).reason());
    assertEquals("row is not a JSON object", without.problems().get(1).reason());
    ParsedManifest with = parse("portal.json", new ManifestOptions(true, "idc-open-data",
        "http://localhost:8042/dicom-web"));
    SeriesRef web = with.refs().get(1);
    assertEquals(SeriesRef.Source.DICOMWEB, web.source());
    assertEquals("http://localhost:8042/dicom-web", web.location());
    assertEquals("uid:1.2.826.0.1.3680043.8.498.901", web.key());
  }

  @Test
  void plainListsTakeFoldersPrefixesAndDicomWebSeries() throws Exception {
    ParsedManifest m = parse("series.txt");
    assertEquals(List.of("/data/ct/case-001", "gs://my-bucket/cohort/case-002/",
        "gs://idc-open-data/9a1b2c3d-1111-4222-8333-444455556666/", "http://localhost:8042/dicom-web"),
        m.refs().stream().map(SeriesRef::location).toList());
    SeriesRef web = m.refs().get(3);
    assertEquals("1.2.3", web.studyInstanceUid());
    assertEquals("1.2.3.4", web.seriesInstanceUid());
    assertEquals(List.of(7, 8, 9), m.problems().stream().map(ManifestProblem::line).toList());
    assertTrue(m.problems().get(0).reason().startsWith("a DICOMweb study URL"));
    assertTrue(m.problems().get(1).reason().startsWith("not a DICOMweb series URL"));
    assertTrue(m.problems().get(2).reason().startsWith("expected one folder"));
  }

  @Test
  void emptyAndBrokenManifestsAreProblemsToo() {
    ParsedManifest empty = ManifestParser.parse("empty.txt", "# only a comment\n\n", ManifestOptions.defaults());
    assertEquals("the manifest is empty", empty.problems().get(0).reason());
    ParsedManifest json = ManifestParser.parse("bad.json", "[{\"a\": ", ManifestOptions.defaults());
    assertTrue(json.problems().get(0).reason().startsWith("not valid JSON"), json.problems().get(0).reason());
  }

  @Test
  void anUnknownSchemeOrAUidWithASpaceIsOneLinesProblem() {
    ParsedManifest list = ManifestParser.parse("list.txt", "/data/ct/case-001\nfoo://bucket/case-002/\n",
        ManifestOptions.defaults());
    assertEquals(1, list.refs().size());
    assertEquals(2, list.problems().get(0).line());
    assertEquals("unknown scheme 'foo': expected a folder, file://, gs://, s3:// or a DICOMweb series URL",
        list.problems().get(0).reason());
    ParsedManifest table = ManifestParser.parse("uids.csv", "StudyInstanceUID,SeriesInstanceUID,Modality\n"
        + "1.2.3,1.2.3 4,CT\n1.2.3,1.2.3.5,CT\n1.2.3,../../x,CT\n", new ManifestOptions(true, "idc-open-data",
            "https://dicom.example.org/dicomWeb"));
    assertEquals(List.of("1.2.3.5"), table.refs().stream().map(SeriesRef::seriesInstanceUid).toList());
    assertEquals(List.of(2, 4), table.problems().stream().map(ManifestProblem::line).toList());
    assertEquals("SeriesInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than digits and "
        + "dots", table.problems().get(0).reason());
    assertEquals("SeriesInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than digits and "
        + "dots", table.problems().get(1).reason());
  }
}
