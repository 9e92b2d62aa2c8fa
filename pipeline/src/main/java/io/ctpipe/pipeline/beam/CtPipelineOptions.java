package io.ctpipe.pipeline.beam;

import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.transforms.fetch.DicomWebAuth;
import io.ctpipe.transforms.fetch.FetchConfig;
import io.ctpipe.transforms.qa.BigQueryDataset;
import io.ctpipe.transforms.qa.QaFileFormat;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of {@code ctpipe run}: inputs, models, outputs, fetch limits (see docs/operations.md). A choice is an enum,
 * read in any case (Beam reads it through the enum's {@code parse}); the Flex Template's regex for it is made from the
 * constants ({@link FlexTemplateMetadata}).
 */
public interface CtPipelineOptions extends PipelineOptions {
  /** The segmentation model of a run that names none (a list, so Beam cannot default it: {@link CtPipeline}). */
  String DEFAULT_SEG_MODEL = "zoo:" + ModelZoo.TISSUE_CT;
  /** {@code --bprModel}'s default: no body part regression (no trained model ships with ctpipe). */
  String NO_BPR_MODEL = "none";

  @Description("Manifest files or patterns (comma-separated; any Beam FileSystems location): IDC s5cmd manifests, "
      + "portal CSV/TSV/JSON, idc-index or BigQuery exports, or plain lists of folders, prefixes and DICOMweb series")
  List<String> getManifest();

  void setManifest(List<String> value);

  @Description("Cohort from IDC's BigQuery index instead of (or besides) manifests: these collection_ids "
      + "(comma-separated), read from bigquery-public-data.idc_current.dicom_all (or --idcVersion)")
  List<String> getCollections();

  void setCollections(List<String> value);

  @Description("Modality of the series taken from IDC's index with --collections")
  @Default.String("CT")
  @TemplateRegex("^[A-Z]{1,8}$")
  String getModality();

  void setModality(String value);

  @Description("IDC release to read with --collections, e.g. 20 for idc_v20 (default: idc_current, the newest)")
  @TemplateRegex("^[0-9]{1,3}$")
  String getIdcVersion();

  void setIdcVersion(String value);

  @Description("Standard-SQL query of IDC's index returning SeriesInstanceUID, StudyInstanceUID, collection_id, "
      + "Modality, crdc_series_uuid and aws_bucket, one row per series (instead of --collections)")
  String getIdcQuery();

  void setIdcQuery(String value);

  @Description("Output root for SEG files (<output>/<Study>/<Series>/<model-id>-<configuration>.seg.dcm) and "
      + "per-series results (<output>/_ctpipe/)")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Folder for the QA tables as files (default: <output>/qa)")
  String getQaOutput();

  void setQaOutput(String value);

  @Description("QA table files: avro or json (newline-delimited, for bq load); ignored with --bigQueryDataset")
  @Default.Enum("AVRO")
  QaFileFormat getQaFormat();

  void setQaFormat(QaFileFormat value);

  @Description("Write the QA tables to this BigQuery dataset (project:dataset) with load jobs instead of files")
  @TemplateRegex("^" + BigQueryDataset.FORM + "$")
  String getBigQueryDataset();

  void setBigQueryDataset(String value);

  @Description("Segmentation model cards (comma-separated): zoo:ID for a built-in model, auto3dseg:PATH_OR_URI for a "
      + "3D Slicer MONAIAuto3DSeg release zip or folder (imported once per worker), a card's path or URI "
      + "(default: " + DEFAULT_SEG_MODEL + ")")
  List<String> getSegModel();

  void setSegModel(List<String> value);

  @Description("Body part regression model: bpreg:PATH_OR_URI for bpreg's public model folder or zip (imported once "
      + "per worker), a card's path or URI, zoo:bpr-vgg16 for the untrained replica (benchmarks and the demo only: its "
      + "scores mean nothing), or none (the default: no trained model ships with ctpipe)")
  @Default.String(NO_BPR_MODEL)
  String getBprModel();

  void setBprModel(String value);

  @Description("Inference backend for every model: auto (oneDNN when it runs the graph, else ONNX Runtime), onednn "
      + "or onnxruntime (default: each card's, auto when it says nothing)")
  Backend getRuntime();

  void setRuntime(Backend value);

  @Description("Inference precision for every model: fp32, bf16 or int8 (default: each card's, fp32 when it says "
      + "nothing)")
  Precision getPrecision();

  void setPrecision(Precision value);

  @Description("Sliding-window profile for every segmentation model: fast, balanced or accurate (docs/benchmarks.md; "
      + "default: each card's own settings)")
  SpeedProfile getProfile();

  void setProfile(SpeedProfile value);

  @Description("ONNX Runtime intra-op threads per model session; parallelism comes from the runner's workers")
  @Default.Integer(1)
  int getInferenceThreads();

  void setInferenceThreads(int value);

  @Description("SEG type: auto (LABELMAP above " + SegmentationTypeChoice.DEFAULT_LABELMAP_ABOVE + " segments), binary "
      + "or labelmap")
  @Default.Enum("AUTO")
  SegmentationTypeChoice getSegType();

  void setSegType(SegmentationTypeChoice value);

  @Description("Fetch IDC s3:// locations from their Google Cloud Storage mirrors")
  @Default.Boolean(true)
  boolean getPreferGcs();

  void setPreferGcs(boolean value);

  @Description("IDC bucket of manifest rows that give a crdc_series_uuid but no URL")
  @Default.String("idc-open-data")
  String getDefaultBucket();

  void setDefaultBucket(String value);

  @Description("DICOMweb store of manifest rows that give only a SeriesInstanceUID")
  String getDicomWebUrl();

  void setDicomWebUrl(String value);

  @Description("DICOMweb authentication for reading series and storing SEGs: none, or google (Application Default "
      + "Credentials, Cloud Healthcare API)")
  @Default.Enum("NONE")
  DicomWebAuth.Mode getDicomWebAuth();

  void setDicomWebAuth(DicomWebAuth.Mode value);

  @Description("Hosts (host or host:port, comma-separated) that get DICOMweb credentials, over https only; a manifest "
      + "naming any other server, or plain http, gets none (default: the hosts of --stowUrl and --dicomWebUrl, and "
      + "healthcare.googleapis.com with --dicomWebAuth=google)")
  List<String> getDicomWebAuthHosts();

  void setDicomWebAuthHosts(List<String> value);

  @Description("Also store each SEG in this DICOMweb store (STOW-RS; a SEG the store already holds counts as stored)")
  String getStowUrl();

  void setStowUrl(String value);

  @Description("Take the committed result of series already processed with the same models and settings (before any "
      + "download) instead of processing them again; the run's tables still hold every series once")
  @Default.Boolean(false)
  boolean getSkipExisting();

  void setSkipExisting(boolean value);

  @Description("With --skipExisting, process again the series whose committed result is a failure")
  @Default.Boolean(false)
  boolean getRetryFailed();

  void setRetryFailed(boolean value);

  @Description("Heap that the series processed at once in one worker JVM may hold together, e.g. 6g; a series "
      + "estimated above it becomes a resources dead letter before decoding (auto: 80% of the smaller of the "
      + "worker's heap and its machine's memory)")
  @Default.String("auto")
  @TemplateRegex("^(auto|[0-9]+[kKmMgGtT]?)$")
  String getMaxSeriesMemory();

  void setMaxSeriesMemory(String value);

  @Description("Refuse a series (resources dead letter) after this many attempts at it died with their worker")
  @Default.Integer(2)
  int getMaxWorkerDeaths();

  void setMaxWorkerDeaths(int value);

  @Description("Refuse series larger than this many bytes")
  @Default.Long(FetchConfig.DEFAULT_MAX_SERIES_BYTES)
  long getMaxSeriesBytes();

  void setMaxSeriesBytes(long value);

  @Description("Deadline of each DICOMweb request, headers and body together, seconds")
  @Default.Integer(FetchConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS)
  int getRequestTimeoutSeconds();

  void setRequestTimeoutSeconds(int value);

  @Description("Largest DICOMweb response kept in memory (one instance or one search answer), bytes")
  @Default.Long(FetchConfig.DEFAULT_MAX_RESPONSE_BYTES)
  long getMaxResponseBytes();

  void setMaxResponseBytes(long value);

  @Description("Attempts per request before a transient failure becomes a dead letter")
  @Default.Integer(FetchConfig.DEFAULT_MAX_ATTEMPTS)
  int getMaxAttempts();

  void setMaxAttempts(int value);

  @Description("Wait before the first retry, milliseconds (doubled each time, up to --maxBackoffMillis)")
  @Default.Long(FetchConfig.DEFAULT_INITIAL_BACKOFF_MILLIS)
  long getInitialBackoffMillis();

  void setInitialBackoffMillis(long value);

  @Description("Longest wait between two attempts, milliseconds (the doubling stops there)")
  @Default.Long(FetchConfig.DEFAULT_MAX_BACKOFF_MILLIS)
  long getMaxBackoffMillis();

  void setMaxBackoffMillis(long value);

  @Description("Names this run in the QA rows and files (default: the launch time, UTC)")
  String getRunId();

  void setRunId(String value);

  @Description("SEG content date and time, ISO-8601 local (default: the launch time); fix it for identical bytes")
  @TemplateRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$")
  String getContentTime();

  void setContentTime(String value);
}
