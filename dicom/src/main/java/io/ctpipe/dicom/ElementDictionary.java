package io.ctpipe.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keyword and VR of the attributes ctpipe reads or writes (Patient, Study, Series, Frame of Reference, Equipment,
 * CT Image, Image Plane, Image Pixel, SOP Common, Enhanced CT functional groups and Segmentation modules). Used
 * to know the VR of elements in implicit VR data sets and to look tags up by keyword.
 */
public final class ElementDictionary {
  private static final String RESOURCE = "dictionary.tsv";
  private static final ElementDictionary INSTANCE = load();

  private final Map<Integer, Vr> vrByTag;
  private final Map<Integer, String> keywordByTag;
  private final Map<String, Integer> tagByKeyword;

  private ElementDictionary(Map<Integer, Vr> vrByTag, Map<Integer, String> keywordByTag,
      Map<String, Integer> tagByKeyword) {
    this.vrByTag = Collections.unmodifiableMap(vrByTag);
    this.keywordByTag = Collections.unmodifiableMap(keywordByTag);
    this.tagByKeyword = Collections.unmodifiableMap(tagByKeyword);
  }

  public static ElementDictionary standard() {
    return INSTANCE;
  }

  /**
   * The VR of a tag: the dictionary's, UL for group lengths (gggg,0000), LO for private creators, UN otherwise.
   */
  public Vr vrOf(int tag) {
    Vr vr = vrByTag.get(tag);
    if (vr != null) {
      return vr;
    }
    int element = tag & 0xFFFF;
    if (element == 0) {
      return Vr.UL;
    }
    boolean privateGroup = ((tag >>> 16) & 1) == 1;
    if (privateGroup && element >= 0x10 && element <= 0xFF) {
      return Vr.LO;
    }
    return Vr.UN;
  }

  public Optional<String> keywordOf(int tag) {
    return Optional.ofNullable(keywordByTag.get(tag));
  }

  public Optional<Integer> tagOf(String keyword) {
    return Optional.ofNullable(tagByKeyword.get(keyword));
  }

  /** Number of attributes in the dictionary. */
  public int size() {
    return keywordByTag.size();
  }

  private static ElementDictionary load() {
    Map<Integer, Vr> vrs = new HashMap<>();
    Map<Integer, String> keywords = new HashMap<>();
    Map<String, Integer> tags = new HashMap<>();
    try (InputStream in = ElementDictionary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        int tag = Integer.parseUnsignedInt(cols[0], 16);
        vrs.put(tag, Vr.valueOf(cols[1]));
        keywords.put(tag, cols[2]);
        tags.put(cols[2], tag);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ElementDictionary(vrs, keywords, tags);
  }
}
