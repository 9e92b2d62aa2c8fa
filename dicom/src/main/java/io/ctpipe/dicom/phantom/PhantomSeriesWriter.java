package io.ctpipe.dicom.phantom;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Uids;
import io.ctpipe.dicom.Vr;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link TorsoPhantom} as a CT Image Storage series in Explicit VR Little Endian: one file per slice,
 * 12-bit unsigned stored values with RescaleIntercept -1024, deterministic UIDs per seed.
 */
public final class PhantomSeriesWriter {
  public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  private static final int INTERCEPT = -1024;
  private static final int MAX_STORED = 4095;

  /** What was written. */
  public record Written(Path folder, String studyInstanceUid, String seriesInstanceUid, int files) {}

  private PhantomSeriesWriter() {}

  public static Written write(PhantomSpec spec, Path folder) throws IOException {
    int nx = spec.dims()[0];
    int ny = spec.dims()[1];
    int nz = spec.dims()[2];
    double sx = spec.spacing()[0];
    double sy = spec.spacing()[1];
    double sz = spec.spacing()[2];
    String seed = Long.toString(spec.seed());
    String study = Uids.fromName("ctpipe-phantom-study", seed);
    String series = Uids.fromName("ctpipe-phantom-series", seed, spec.seriesTag(), spec.modality());
    String frameOfReference = Uids.fromName("ctpipe-phantom-frame", seed);
    double tilt = Math.toRadians(spec.tiltDegrees());
    double[] column = {0, Math.cos(tilt), -Math.sin(tilt)};
    double x0 = -(nx - 1) / 2.0 * sx;
    double y0 = -(ny - 1) / 2.0 * sy;
    double z0 = -(nz - 1) / 2.0 * sz;
    double[] xs = new double[nx];
    double[] ys = new double[ny];
    for (int c = 0; c < nx; c++) {
      xs[c] = x0 + c * sx;
    }
    for (int r = 0; r < ny; r++) {
      ys[r] = y0 + r * sy * column[1];
    }
    TorsoPhantom phantom = new TorsoPhantom(spec.seed());
    short[] hu = new short[nx * ny];
    ByteBuffer pixels = ByteBuffer.allocate(nx * ny * 2).order(ByteOrder.LITTLE_ENDIAN);
    int files = 0;
    for (int k = 0; k < nz; k++) {
      if (spec.droppedSlices().contains(k)) {
        continue;
      }
      phantom.fillSlice((k + 0.5) / nz, xs, ys, k, hu);
      pixels.clear();
      for (short v : hu) {
        pixels.putShort((short) Math.max(0, Math.min(MAX_STORED, v - INTERCEPT)));
      }
      pixels.flip();
      int instance = spec.reverseInstanceNumbers() ? nz - k : k + 1;
      double[] position = {x0, y0, z0 + k * sz};
      int copies = spec.duplicatedSlices().contains(k) ? 2 : 1;
      for (int copy = 0; copy < copies; copy++) {
        String sop = Uids.fromName("ctpipe-phantom-instance", series, Integer.toString(k), Integer.toString(copy));
        DicomDataset ds = header(spec, study, series, frameOfReference, sop, instance, position, column);
        ds.putBytes(Tag.PIXEL_DATA, Vr.OW, pixels);
        String name = String.format("CT%06d%s.dcm", k + 1, copy == 0 ? "" : "_" + copy);
        DicomWriter.write(ds, folder.resolve(name));
        files++;
      }
    }
    return new Written(folder, study, series, files);
  }

  private static DicomDataset header(PhantomSpec spec, String study, String series, String frameOfReference,
      String sop, int instance, double[] position, double[] column) {
    DicomDataset ds = new DicomDataset();
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 100");
    ds.putStrings(Tag.IMAGE_TYPE, Vr.CS, List.of("ORIGINAL", "PRIMARY", "AXIAL"));
    ds.putString(Tag.SOP_CLASS_UID, Vr.UI, CT_IMAGE_STORAGE);
    ds.putString(Tag.SOP_INSTANCE_UID, Vr.UI, sop);
    ds.putString(Tag.STUDY_DATE, Vr.DA, "20260101");
    ds.putString(Tag.SERIES_DATE, Vr.DA, "20260101");
    ds.putString(Tag.CONTENT_DATE, Vr.DA, "20260101");
    ds.putString(Tag.STUDY_TIME, Vr.TM, "120000");
    ds.putString(Tag.SERIES_TIME, Vr.TM, "120000");
    ds.putString(Tag.CONTENT_TIME, Vr.TM, "120000");
    ds.putString(Tag.ACCESSION_NUMBER, Vr.SH, "");
    ds.putString(Tag.MODALITY, Vr.CS, spec.modality());
    ds.putString(Tag.MANUFACTURER, Vr.LO, "ctpipe");
    ds.putString(Tag.REFERRING_PHYSICIAN_NAME, Vr.PN, "");
    ds.putString(Tag.STUDY_DESCRIPTION, Vr.LO, "ctpipe synthetic phantom");
    ds.putString(Tag.SERIES_DESCRIPTION, Vr.LO, "Synthetic torso phantom (not patient data)");
    ds.putString(Tag.MANUFACTURER_MODEL_NAME, Vr.LO, "TorsoPhantom");
    ds.putString(Tag.PATIENT_NAME, Vr.PN, "Phantom^Torso");
    ds.putString(Tag.PATIENT_ID, Vr.LO, "PHANTOM-" + spec.seed());
    ds.putString(Tag.PATIENT_BIRTH_DATE, Vr.DA, "");
    ds.putString(Tag.PATIENT_SEX, Vr.CS, "O");
    ds.putString(Tag.BODY_PART_EXAMINED, Vr.CS, "CHESTABDPELVIS");
    ds.putDecimals(Tag.SLICE_THICKNESS, spec.spacing()[2]);
    ds.putDecimals(Tag.KVP, 120);
    ds.putString(Tag.SOFTWARE_VERSIONS, Vr.LO, "ctpipe " + DicomWriter.IMPLEMENTATION_VERSION);
    ds.putString(Tag.PATIENT_POSITION, Vr.CS, "HFS");
    ds.putString(Tag.STUDY_INSTANCE_UID, Vr.UI, study);
    ds.putString(Tag.SERIES_INSTANCE_UID, Vr.UI, series);
    ds.putString(Tag.STUDY_ID, Vr.SH, "1");
    ds.putInts(Tag.SERIES_NUMBER, Vr.IS, 1);
    ds.putInts(Tag.ACQUISITION_NUMBER, Vr.IS, 1);
    ds.putInts(Tag.INSTANCE_NUMBER, Vr.IS, instance);
    ds.putDecimals(Tag.IMAGE_POSITION_PATIENT, position);
    ds.putDecimals(Tag.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, column[0], column[1], column[2]);
    ds.putString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, frameOfReference);
    ds.putString(Tag.POSITION_REFERENCE_INDICATOR, Vr.LO, "");
    ds.putDecimals(Tag.SLICE_LOCATION, position[2]);
    ds.putInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
    ds.putInt(Tag.ROWS, Vr.US, spec.dims()[1]);
    ds.putInt(Tag.COLUMNS, Vr.US, spec.dims()[0]);
    ds.putDecimals(Tag.PIXEL_SPACING, spec.spacing()[1], spec.spacing()[0]);
    ds.putInt(Tag.BITS_ALLOCATED, Vr.US, 16);
    ds.putInt(Tag.BITS_STORED, Vr.US, 12);
    ds.putInt(Tag.HIGH_BIT, Vr.US, 11);
    ds.putInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
    ds.putDecimals(Tag.WINDOW_CENTER, 40);
    ds.putDecimals(Tag.WINDOW_WIDTH, 400);
    ds.putDecimals(Tag.RESCALE_INTERCEPT, INTERCEPT);
    ds.putDecimals(Tag.RESCALE_SLOPE, 1);
    ds.putString(Tag.RESCALE_TYPE, Vr.LO, "HU");
    return ds;
  }
}
