package io.ctpipe.dicom.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Encodes and decodes multipart/related bodies (RFC 2387) as DICOMweb uses them. */
final class Multipart {
  private Multipart() {}

  static byte[] encode(List<byte[]> parts, String partType, String boundary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(("--" + boundary + "\r\nContent-Type: " + partType + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(part);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The boundary parameter of a multipart Content-Type header. */
  static String boundary(String contentType) throws DicomWebException {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        return p.substring("boundary=".length()).replace("\"", "");
      }
    }
    throw new DicomWebException("response Content-Type '" + contentType + "' has no multipart boundary", 0);
  }

  /** The bodies of the parts, without their headers. */
  static List<byte[]> decode(byte[] body, String boundary) throws DicomWebException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<byte[]> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw new DicomWebException("multipart response holds no boundary '" + boundary + "'", 0);
    }
    while (true) {
      int afterDelimiter = pos + delimiter.length;
      if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
        return parts;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), afterDelimiter);
      if (headersEnd < 0) {
        throw new DicomWebException("multipart part without a header end", 0);
      }
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) {
        throw new DicomWebException("multipart response ends without its closing boundary", 0);
      }
      int end = next - 2; // the CRLF before the delimiter belongs to it
      parts.add(java.util.Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, end)));
      pos = next;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
