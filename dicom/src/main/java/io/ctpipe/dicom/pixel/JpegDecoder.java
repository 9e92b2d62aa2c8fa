package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/**
 * Decoder for single-component Huffman-coded JPEG (ITU T.81): sequential DCT with 8- or 12-bit samples (processes
 * 1, 2 and 4) and lossless with predictors 1 to 7 and a point transform (process 14), with restart intervals.
 * The JDK's JPEG reader, which TwelveMonkeys delegates DCT images to, rejects 12-bit data, and TwelveMonkeys'
 * lossless reader leaves the last pixel of a first-order-prediction (SV1) frame at zero.
 */
final class JpegDecoder {
  private static final int[] ZIGZAG = {
      0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
      21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
      61, 54, 47, 55, 62, 63};
  private static final float[][] IDCT = idctMatrix();

  private final int[][] quantTables = new int[4][];
  private final HuffmanTable[] dcTables = new HuffmanTable[4];
  private final HuffmanTable[] acTables = new HuffmanTable[4];
  private int restartInterval;
  private int precision;
  private int width;
  private int height;
  private int quantTableOfComponent = -1;
  private boolean lossless;

  /** Decodes a whole JPEG stream into {@code out} (row-major, width × height samples). */
  void decode(ByteBuffer jpeg, int expectedWidth, int expectedHeight, short[] out) throws DicomFormatException {
    JpegBitReader in = new JpegBitReader(jpeg);
    if (in.nextMarker() != JpegMarkers.SOI) {
      throw new DicomFormatException("JPEG stream does not start with SOI (FFD8)");
    }
    while (true) {
      int marker = in.nextMarker();
      switch (marker) {
        case JpegMarkers.DQT -> readQuantTables(in);
        case JpegMarkers.DHT -> readHuffmanTables(in);
        case JpegMarkers.DRI -> {
          in.segmentLength();
          restartInterval = in.readU16();
        }
        case JpegMarkers.SOF0, JpegMarkers.SOF1, JpegMarkers.SOF3 -> {
          lossless = marker == JpegMarkers.SOF3;
          readFrameHeader(in, expectedWidth, expectedHeight);
        }
        case JpegMarkers.SOS -> {
          if (lossless) {
            readLosslessScan(in, out);
          } else {
            readScan(in, out);
          }
          return;
        }
        case JpegMarkers.EOI -> throw new DicomFormatException("JPEG stream ends (EOI) before any scan");
        default -> {
          if (JpegMarkers.isStartOfFrame(marker)) {
            throw new DicomFormatException(String.format(
                "JPEG process with SOF marker FF%02X is neither sequential DCT nor lossless", marker));
          }
          in.skip(in.segmentLength());
        }
      }
    }
  }

  private void readQuantTables(JpegBitReader in) throws DicomFormatException {
    int end = in.position() + in.segmentLength();
    while (in.position() < end) {
      int pqTq = in.readU8();
      int pq = pqTq >> 4;
      int tq = pqTq & 15;
      if (tq > 3 || pq > 1) {
        throw new DicomFormatException("invalid JPEG quantisation table header 0x" + Integer.toHexString(pqTq));
      }
      int[] table = new int[64];
      for (int k = 0; k < 64; k++) {
        table[ZIGZAG[k]] = pq == 0 ? in.readU8() : in.readU16();
      }
      quantTables[tq] = table;
    }
  }

  private void readHuffmanTables(JpegBitReader in) throws DicomFormatException {
    int end = in.position() + in.segmentLength();
    while (in.position() < end) {
      int tcTh = in.readU8();
      int tc = tcTh >> 4;
      int th = tcTh & 15;
      if (tc > 1 || th > 3) {
        throw new DicomFormatException("invalid JPEG Huffman table header 0x" + Integer.toHexString(tcTh));
      }
      int[] counts = new int[17];
      int total = 0;
      for (int len = 1; len <= 16; len++) {
        counts[len] = in.readU8();
        total += counts[len];
      }
      if (total > 256) {
        throw new DicomFormatException("JPEG Huffman table declares " + total + " codes (at most 256)");
      }
      int[] symbols = new int[total];
      for (int i = 0; i < total; i++) {
        symbols[i] = in.readU8();
      }
      HuffmanTable table = new HuffmanTable(counts, symbols);
      if (tc == 0) {
        dcTables[th] = table;
      } else {
        acTables[th] = table;
      }
    }
  }

  private void readFrameHeader(JpegBitReader in, int expectedWidth, int expectedHeight)
      throws DicomFormatException {
    in.segmentLength();
    precision = in.readU8();
    height = in.readU16();
    width = in.readU16();
    int components = in.readU8();
    if (lossless ? precision < 2 || precision > 16 : precision != 8 && precision != 12) {
      throw new DicomFormatException("JPEG sample precision " + precision
          + (lossless ? " (lossless allows 2 to 16)" : " (DCT allows 8 or 12)"));
    }
    if (components != 1) {
      throw new DicomFormatException("JPEG frame has " + components + " components; CT images have 1");
    }
    in.readU8(); // component id
    in.readU8(); // sampling factors: irrelevant for one component
    quantTableOfComponent = in.readU8();
    if (width != expectedWidth || height != expectedHeight) {
      throw new DicomFormatException("JPEG frame is " + width + "x" + height + " but the data set says "
          + expectedWidth + "x" + expectedHeight);
    }
    if (quantTableOfComponent > 3) {
      throw new DicomFormatException("JPEG component uses quantisation table " + quantTableOfComponent);
    }
  }

  private void readScan(JpegBitReader in, short[] out) throws DicomFormatException {
    if (quantTableOfComponent < 0) {
      throw new DicomFormatException("JPEG scan (SOS) before the frame header (SOF)");
    }
    in.segmentLength();
    int ns = in.readU8();
    if (ns != 1) {
      throw new DicomFormatException("JPEG scan has " + ns + " components; expected 1");
    }
    in.readU8();
    int tables = in.readU8();
    in.skip(3); // Ss, Se, Ah/Al: fixed for sequential DCT
    HuffmanTable dc = dcTables[tables >> 4];
    HuffmanTable ac = acTables[tables & 15];
    int[] quant = quantTables[quantTableOfComponent];
    if (dc == null || ac == null || quant == null) {
      throw new DicomFormatException("JPEG scan refers to a Huffman or quantisation table that was not defined");
    }
    int blocksX = (width + 7) / 8;
    int blocksY = (height + 7) / 8;
    int[] coefficients = new int[64];
    float[] samples = new float[64];
    int predictor = 0;
    int maxValue = (1 << precision) - 1;
    int levelShift = 1 << (precision - 1);
    int mcu = 0;
    in.startEntropyData();
    for (int by = 0; by < blocksY; by++) {
      for (int bx = 0; bx < blocksX; bx++) {
        if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
          in.restart();
          predictor = 0;
        }
        mcu++;
        java.util.Arrays.fill(coefficients, 0);
        int t = dc.decode(in);
        predictor += t == 0 ? 0 : extend(in.bits(t), t);
        coefficients[0] = predictor * quant[0];
        for (int k = 1; k < 64; ) {
          int rs = ac.decode(in);
          int r = rs >> 4;
          int s = rs & 15;
          if (s == 0) {
            if (r != 15) {
              break;
            }
            k += 16;
            continue;
          }
          k += r;
          if (k > 63) {
            throw new DicomFormatException("corrupt JPEG data: AC coefficient index beyond 63");
          }
          int zz = ZIGZAG[k];
          coefficients[zz] = extend(in.bits(s), s) * quant[zz];
          k++;
        }
        inverseDct(coefficients, samples);
        int x0 = bx * 8;
        int y0 = by * 8;
        for (int y = 0; y < 8 && y0 + y < height; y++) {
          int row = (y0 + y) * width;
          for (int x = 0; x < 8 && x0 + x < width; x++) {
            int v = Math.round(samples[y * 8 + x]) + levelShift;
            out[row + x0 + x] = (short) (v < 0 ? 0 : Math.min(v, maxValue));
          }
        }
      }
    }
  }

  private void readLosslessScan(JpegBitReader in, short[] out) throws DicomFormatException {
    in.segmentLength();
    int ns = in.readU8();
    if (ns != 1) {
      throw new DicomFormatException("JPEG lossless scan has " + ns + " components; expected 1");
    }
    in.readU8();
    HuffmanTable dc = dcTables[in.readU8() >> 4];
    int predictor = in.readU8();
    in.readU8(); // Se
    int pointTransform = in.readU8() & 15;
    if (dc == null) {
      throw new DicomFormatException("JPEG lossless scan refers to a Huffman table that was not defined");
    }
    if (predictor < 1 || predictor > 7) {
      throw new DicomFormatException("JPEG lossless predictor " + predictor + " (allowed: 1 to 7)");
    }
    int mask = (1 << (precision - pointTransform)) - 1;
    int initial = 1 << (precision - pointTransform - 1);
    if (restartInterval > 0 && restartInterval % width != 0) {
      throw new DicomFormatException("JPEG lossless restart interval " + restartInterval
          + " is not a whole number of lines of " + width + " samples (T.81 H.1.1)");
    }
    int[] previous = new int[width];
    int[] current = new int[width];
    in.startEntropyData();
    int pixel = 0;
    boolean firstLineOfInterval = true;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++, pixel++) {
        if (x == 0 && restartInterval > 0 && pixel > 0 && pixel % restartInterval == 0) {
          in.restart();
          firstLineOfInterval = true;
        }
        int prediction;
        if (firstLineOfInterval && x == 0) {
          prediction = initial;
        } else if (firstLineOfInterval) {
          prediction = current[x - 1];
        } else if (x == 0) {
          prediction = previous[0];
        } else {
          prediction = predict(predictor, current[x - 1], previous[x], previous[x - 1]);
        }
        int ssss = dc.decode(in);
        int diff = ssss == 0 ? 0 : ssss == 16 ? 32768 : extend(in.bits(ssss), ssss);
        current[x] = (prediction + diff) & mask;
        out[y * width + x] = (short) (current[x] << pointTransform);
      }
      firstLineOfInterval = false;
      int[] t = previous;
      previous = current;
      current = t;
    }
  }

  private static int predict(int predictor, int ra, int rb, int rc) {
    switch (predictor) {
      case 1: return ra;
      case 2: return rb;
      case 3: return rc;
      case 4: return ra + rb - rc;
      case 5: return ra + ((rb - rc) >> 1);
      case 6: return rb + ((ra - rc) >> 1);
      default: return (ra + rb) >> 1;
    }
  }

  private static int extend(int v, int t) {
    return v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;
  }

  private static void inverseDct(int[] c, float[] out) {
    boolean dcOnly = true;
    for (int i = 1; i < 64 && dcOnly; i++) {
      dcOnly = c[i] == 0;
    }
    if (dcOnly) {
      java.util.Arrays.fill(out, c[0] / 8f);
      return;
    }
    float[] tmp = new float[64];
    for (int v = 0; v < 8; v++) {
      for (int x = 0; x < 8; x++) {
        float sum = 0;
        for (int u = 0; u < 8; u++) {
          sum += IDCT[x][u] * c[v * 8 + u];
        }
        tmp[v * 8 + x] = sum;
      }
    }
    for (int x = 0; x < 8; x++) {
      for (int y = 0; y < 8; y++) {
        float sum = 0;
        for (int v = 0; v < 8; v++) {
          sum += IDCT[y][v] * tmp[v * 8 + x];
        }
        out[y * 8 + x] = sum;
      }
    }
  }

  private static float[][] idctMatrix() {
    float[][] m = new float[8][8];
    for (int x = 0; x < 8; x++) {
      for (int u = 0; u < 8; u++) {
        double cu = u == 0 ? Math.sqrt(0.5) : 1.0;
        m[x][u] = (float) (cu / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16));
      }
    }
    return m;
  }

  /** A Huffman table decoded with the canonical max-code method of T.81 Annex F. */
  private static final class HuffmanTable {
    private final int[] maxCode = new int[18];
    private final int[] valPtr = new int[17];
    private final int[] minCode = new int[17];
    private final int[] symbols;

    HuffmanTable(int[] counts, int[] symbols) {
      this.symbols = symbols;
      int code = 0;
      int k = 0;
      for (int len = 1; len <= 16; len++) {
        valPtr[len] = k;
        minCode[len] = code;
        code += counts[len];
        k += counts[len];
        maxCode[len] = counts[len] == 0 ? -1 : code - 1;
        code <<= 1;
      }
      maxCode[17] = Integer.MAX_VALUE;
    }

    int decode(JpegBitReader in) throws DicomFormatException {
      int code = in.bit();
      for (int len = 1; len <= 16; len++) {
        if (maxCode[len] >= 0 && code <= maxCode[len]) {
          return symbols[valPtr[len] + code - minCode[len]];
        }
        code = (code << 1) | in.bit();
      }
      throw new DicomFormatException("corrupt JPEG data: no Huffman code matches");
    }
  }
}
