package io.ctpipe.transforms.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableRow;
import io.ctpipe.transforms.qa.BigQueryDataset;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.junit.jupiter.api.Test;

/**
 * The query of IDC's BigQuery index and the mapping of its rows (shaped like IDC's documented schema of
 * bigquery-public-data.idc_current.dicom_all) to series references, offline.
 */
class IdcIndexQueryTest {
  @Test
  void theQueryTextNamesTheTableCollectionsAndModality() {
    IdcIndexQuery current = new IdcIndexQuery(List.of("nlst", "tcga_luad"), "CT", null, null, null);
    assertEquals("SELECT SeriesInstanceUID, ANY_VALUE(StudyInstanceUID) AS StudyInstanceUID, ANY_VALUE(collection_id) "
        + "AS collection_id, ANY_VALUE(Modality) AS Modality, ANY_VALUE(crdc_series_uuid) AS crdc_series_uuid, "
        + "ANY_VALUE(aws_bucket) AS aws_bucket FROM `bigquery-public-data.idc_current.dicom_all` WHERE Modality = 'CT' "
        + "AND collection_id IN ('nlst', 'tcga_luad') GROUP BY SeriesInstanceUID ORDER BY SeriesInstanceUID",
        current.sql());
    IdcIndexQuery pinned = new IdcIndexQuery(List.of(), "CT", "20", null, null);
    assertEquals("bigquery-public-data.idc_v20.dicom_all", pinned.table());
    assertTrue(pinned.sql().contains("WHERE Modality = 'CT' GROUP BY"), pinned.sql());
    assertEquals("SELECT 1", new IdcIndexQuery(List.of(), "CT", null, "SELECT 1", null).sql());
  }

  @Test
  void namesThatCouldChangeTheSqlAreRefused() {
    assertEquals("--collections: 'nlst'; DROP TABLE x' is not an IDC collection_id (lower case letters, digits and _)",
        assertThrows(IllegalArgumentException.class, () -> new IdcIndexQuery(List.of("nlst'; DROP TABLE x"), "CT",
            null, null, null)).getMessage());
    assertEquals("--modality: 'ct' is not a DICOM modality such as CT", assertThrows(IllegalArgumentException.class,
        () -> new IdcIndexQuery(List.of(), "ct", null, null, null)).getMessage());
    assertEquals("--idcVersion: 'v20' is not an IDC release number such as 20",
        assertThrows(IllegalArgumentException.class, () -> new IdcIndexQuery(List.of(), "CT", "v20", null, null))
            .getMessage());
  }

  @Test
  void theQueryResultGoesToTheQaDatasetSoWorkersNeedNoRightToCreateDatasets() throws Exception {
    BigQueryIO.TypedRead<TableRow> read = new IdcIndexQuery(List.of("nlst"), "CT", null, null,
        BigQueryDataset.parse("my-project:ctpipe"))
        .read();
    assertEquals("my-project", readSetting(read, "getQueryTempProject"));
    assertEquals("ctpipe", readSetting(read, "getQueryTempDataset"));
    assertEquals(null, readSetting(new IdcIndexQuery(List.of("nlst"), "CT", null, null, null).read(),
        "getQueryTempDataset"), "without a dataset Beam makes its own");
    assertEquals("--bigQueryDataset must be project:dataset, got 'ctpipe'", assertThrows(
        IllegalArgumentException.class, () -> BigQueryDataset.parse("ctpipe")).getMessage());
  }

  /** BigQueryIO keeps its settings package-private; the test reads them as Beam's own tests would. */
  private static Object readSetting(BigQueryIO.TypedRead<TableRow> read, String getter) throws Exception {
    Method m = BigQueryIO.TypedRead.class.getDeclaredMethod(getter);
    m.setAccessible(true);
    return m.invoke(read);
  }

  @Test
  void indexRowsBecomeSeriesReferencesKeyedByTheirSeriesVersion() {
    String source = new IdcIndexQuery(List.of("nlst"), "CT", null, null, null).sourceName();
    TableRow row = new TableRow().set("SeriesInstanceUID", "1.2.840.113654.2.55.1").set("StudyInstanceUID",
        "1.2.840.113654.2.55.2").set("collection_id", "nlst").set("Modality", "CT")
        .set("crdc_series_uuid", "0a1b2c3d-0000-4000-8000-000000000001").set("aws_bucket", "idc-open-data");
    ParsedManifest parsed = TableManifest.parseIndexRow(source, TableManifest.columns(row),
        ManifestOptions.defaults());
    assertEquals(List.of(), parsed.problems());
    SeriesRef ref = parsed.refs().get(0);
    assertEquals("crdc:0a1b2c3d-0000-4000-8000-000000000001", ref.key());
    assertEquals("gs://idc-open-data/0a1b2c3d-0000-4000-8000-000000000001/", ref.location());
    assertEquals("1.2.840.113654.2.55.1", ref.seriesInstanceUid());
    assertEquals("nlst", ref.collectionId());
    assertEquals("bigquery:bigquery-public-data.idc_current.dicom_all:1.2.840.113654.2.55.1", ref.origin());

    ParsedManifest mr = TableManifest.parseIndexRow(source, Map.of("SeriesInstanceUID", "1.2.3", "Modality", "MR",
        "crdc_series_uuid", "u"), ManifestOptions.defaults());
    assertEquals("Modality MR is not CT", mr.problems().get(0).reason());
    ParsedManifest nowhere = TableManifest.parseIndexRow(source, Map.of("SeriesInstanceUID", "1.2.4", "Modality",
        "CT"), ManifestOptions.defaults());
    assertTrue(nowhere.problems().get(0).reason().startsWith("no series location"), nowhere.problems().toString());
  }
}
