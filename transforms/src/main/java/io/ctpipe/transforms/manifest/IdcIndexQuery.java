package io.ctpipe.transforms.manifest;

import com.google.api.services.bigquery.model.TableRow;
import io.ctpipe.transforms.qa.BigQueryDataset;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import java.util.stream.Collectors;

/**
 * A cohort from IDC's BigQuery index ({@code bigquery-public-data.idc_current.dicom_all}, or a pinned
 * {@code idc_vNN}): one row per series of the chosen collections and modality, with the columns the manifest
 * readers understand (SeriesInstanceUID, StudyInstanceUID, collection_id, Modality, crdc_series_uuid, aws_bucket), so
 * the series key follows crdc_series_uuid and a new IDC release re-processes only new or revised series under
 * {@code --skipExisting}. Names are checked before they enter the SQL text; a query of one's own
 * ({@code --idcQuery}) is used as given and must return those columns.
 *
 * @param collections IDC collection_ids (empty: every collection)
 * @param modality DICOM Modality, e.g. CT
 * @param idcVersion a release number such as 20 for idc_v20, or null for idc_current
 * @param customQuery a full standard-SQL query instead, or null
 * @param resultDataset the dataset that holds the query's temporary result table (in IDC's location, US, where the
 *     job may create tables), or null to let Beam create a temporary dataset (which needs the project-level
 *     permission to create datasets)
 */
public record IdcIndexQuery(List<String> collections, String modality, String idcVersion, String customQuery,
    BigQueryDataset resultDataset) implements Serializable {
  private static final Pattern COLLECTION = Pattern.compile("[a-z0-9_]{1,64}");
  private static final Pattern MODALITY = Pattern.compile("[A-Z]{1,8}");
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}");

  public IdcIndexQuery {
    collections = List.copyOf(collections);
    if (customQuery == null) {
      for (String c : collections) {
        if (!COLLECTION.matcher(c).matches()) {
          throw new IllegalArgumentException("--collections: '" + c + "' is not an IDC collection_id (lower case "
              + "letters, digits and _)");
        }
      }
      if (!MODALITY.matcher(modality).matches()) {
        throw new IllegalArgumentException("--modality: '" + modality + "' is not a DICOM modality such as CT");
      }
      if (idcVersion != null && !VERSION.matcher(idcVersion).matches()) {
        throw new IllegalArgumentException("--idcVersion: '" + idcVersion + "' is not an IDC release number such "
            + "as 20");
      }
    }
  }

  /** The BigQuery read of this query's rows. */
  public BigQueryIO.TypedRead<TableRow> read() {
    BigQueryIO.TypedRead<TableRow> read = BigQueryIO.readTableRows().fromQuery(sql()).usingStandardSql()
        .withoutValidation();
    if (resultDataset == null) {
      return read;
    }
    return read.withQueryTempProjectAndDataset(resultDataset.project(), resultDataset.dataset());
  }

  /** The table the query reads. */
  public String table() {
    return "bigquery-public-data." + (idcVersion == null ? "idc_current" : "idc_v" + idcVersion) + ".dicom_all";
  }

  /** What dead letters and references name as their origin. */
  public String sourceName() {
    return customQuery != null ? "bigquery:idcQuery" : "bigquery:" + table();
  }

  /** The standard-SQL text sent to BigQuery. */
  public String sql() {
    if (customQuery != null) {
      return customQuery;
    }
    String where = "Modality = '" + modality + "'" + (collections.isEmpty() ? "" : " AND collection_id IN ("
        + collections.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")) + ")");
    return "SELECT SeriesInstanceUID, ANY_VALUE(StudyInstanceUID) AS StudyInstanceUID, "
        + "ANY_VALUE(collection_id) AS collection_id, ANY_VALUE(Modality) AS Modality, "
        + "ANY_VALUE(crdc_series_uuid) AS crdc_series_uuid, ANY_VALUE(aws_bucket) AS aws_bucket "
        + "FROM `" + table() + "` WHERE " + where + " GROUP BY SeriesInstanceUID ORDER BY SeriesInstanceUID";
  }
}
