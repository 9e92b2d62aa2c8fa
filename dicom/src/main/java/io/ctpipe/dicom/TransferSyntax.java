package io.ctpipe.dicom;

import java.util.List;

/**
 * A transfer syntax and how its data set and pixel data are encoded. Unknown UIDs are accepted as explicit VR
 * little endian with encapsulated pixel data (as every compressed syntax is), so headers of such files still
 * read; decoding their pixels fails with a message naming the UID.
 */
public record TransferSyntax(String uid, String displayName, boolean explicitVr, boolean bigEndian,
    boolean deflated, PixelEncoding pixelEncoding) {

  /** How pixel data of a transfer syntax is stored. */
  public enum PixelEncoding { NATIVE, RLE, JPEG, JPEG_LS, JPEG_2000, DEFLATED_FRAMES, UNSUPPORTED }

  public static final TransferSyntax IMPLICIT_VR_LE =
      of("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, PixelEncoding.NATIVE);
  public static final TransferSyntax EXPLICIT_VR_LE =
      of("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, PixelEncoding.NATIVE);
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LE =
      of("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, PixelEncoding.NATIVE);
  public static final TransferSyntax EXPLICIT_VR_BE =
      of("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, PixelEncoding.NATIVE);
  public static final TransferSyntax JPEG_BASELINE = jpeg("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
  public static final TransferSyntax JPEG_EXTENDED = jpeg("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
  public static final TransferSyntax JPEG_SPECTRAL_SELECTION =
      jpeg("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (retired)");
  public static final TransferSyntax JPEG_FULL_PROGRESSION =
      jpeg("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (retired)");
  public static final TransferSyntax JPEG_LOSSLESS = jpeg("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)");
  public static final TransferSyntax JPEG_LOSSLESS_SV1 =
      jpeg("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14 SV1)");
  public static final TransferSyntax JPEG_LS_LOSSLESS =
      of("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, PixelEncoding.JPEG_LS);
  public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
      of("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, PixelEncoding.JPEG_LS);
  public static final TransferSyntax JPEG_2000_LOSSLESS =
      of("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless Only", true, false, false, PixelEncoding.JPEG_2000);
  public static final TransferSyntax JPEG_2000 =
      of("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, PixelEncoding.JPEG_2000);
  public static final TransferSyntax RLE_LOSSLESS =
      of("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, PixelEncoding.RLE);

  public static final TransferSyntax DEFLATED_IMAGE_FRAMES = of("1.2.840.10008.1.2.8.1",
      "Deflated Image Frame Compression", true, false, false, PixelEncoding.DEFLATED_FRAMES);

  private static final List<TransferSyntax> KNOWN = List.of(IMPLICIT_VR_LE, EXPLICIT_VR_LE,
      DEFLATED_EXPLICIT_VR_LE, EXPLICIT_VR_BE, JPEG_BASELINE, JPEG_EXTENDED, JPEG_SPECTRAL_SELECTION,
      JPEG_FULL_PROGRESSION, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS,
      JPEG_2000_LOSSLESS, JPEG_2000, RLE_LOSSLESS, DEFLATED_IMAGE_FRAMES);

  private static TransferSyntax of(String uid, String name, boolean explicitVr, boolean bigEndian,
      boolean deflated, PixelEncoding encoding) {
    return new TransferSyntax(uid, name, explicitVr, bigEndian, deflated, encoding);
  }

  private static TransferSyntax jpeg(String uid, String name) {
    return of(uid, name, true, false, false, PixelEncoding.JPEG);
  }

  /** True when pixel data is stored as encapsulated fragments. */
  public boolean encapsulated() {
    return pixelEncoding != PixelEncoding.NATIVE;
  }

  /** The known transfer syntax with this UID, or an encapsulated explicit VR LE syntax that cannot be decoded. */
  public static TransferSyntax forUid(String uid) {
    for (TransferSyntax ts : KNOWN) {
      if (ts.uid.equals(uid)) {
        return ts;
      }
    }
    return of(uid, "unknown transfer syntax", true, false, false, PixelEncoding.UNSUPPORTED);
  }
}
