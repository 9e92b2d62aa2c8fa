package io.ctpipe.dicom;

import java.util.Optional;

/**
 * A parsed DICOM object: its file meta information (empty for a bare data set), the data set, and the transfer
 * syntax the data set was encoded in.
 */
public record DicomFile(String source, DicomDataset fileMeta, DicomDataset dataset, TransferSyntax transferSyntax,
    boolean headerOnly) {

  /** SOP Instance UID from the data set, or from the file meta header when the data set's is empty. */
  public Optional<String> sopInstanceUid() {
    Optional<String> uid = dataset.string(Tag.SOP_INSTANCE_UID).filter(s -> !s.isEmpty());
    return uid.isPresent() ? uid : fileMeta.string(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID).filter(s -> !s.isEmpty());
  }

  /** SOP Class UID from the data set, or from the file meta header when the data set's is empty. */
  public Optional<String> sopClassUid() {
    Optional<String> uid = dataset.string(Tag.SOP_CLASS_UID).filter(s -> !s.isEmpty());
    return uid.isPresent() ? uid : fileMeta.string(Tag.MEDIA_STORAGE_SOP_CLASS_UID).filter(s -> !s.isEmpty());
  }
}
