package io.ctpipe.transforms.qa;

/** How QA tables are written: Avro files, newline-delimited JSON files, or BigQuery tables. */
public enum QaFormat { AVRO, JSON, BIGQUERY }
