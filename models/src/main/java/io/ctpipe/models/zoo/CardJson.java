package io.ctpipe.models.zoo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.models.tiling.TilingOptions;
import java.util.List;

/** Writes the fields of a segmentation model card that the zoo and model imports share. */
public final class CardJson {
  private CardJson() {}

  /**
   * The fields every segmentation card has: channels, size, orientation, spacing, window and sliding-window
   * settings (gaussian, {@link TilingOptions}' default σ scale and batch).
   */
  public static void common(ObjectNode card, ZooModel model, double[] spacing, double overlap) {
    card.put("inChannels", 1).put("outChannels", model.outChannels()).put("parameters", model.parameters())
        .put("macsPerWindow", model.macsPerWindow()).put("orientation", "LPS");
    ArrayNode s = card.putArray("spacing");
    for (double v : spacing) {
      s.add(v);
    }
    ArrayNode roi = card.putArray("roiSize");
    for (int r : model.roi()) {
      roi.add(r);
    }
    card.putObject("input").put("name", "input");
    card.putObject("output").put("name", "logits");
    card.putObject("slidingWindow").put("overlap", overlap).put("mode", "gaussian").put("sigmaScale",
        TilingOptions.DEFAULT_SIGMA_SCALE).put("batch", TilingOptions.DEFAULT_BATCH);
  }

  /** The "labels" array: value, label, category, type, modifier and colour of each segment. */
  public static void labels(ObjectNode card, List<SegmentDescription> labels) {
    ArrayNode array = card.putArray("labels");
    for (SegmentDescription d : labels) {
      ObjectNode o = array.addObject().put("value", d.labelValue()).put("label", d.label());
      code(o.putObject("category"), d.category());
      code(o.putObject("type"), d.type());
      if (d.modifier() != null) {
        code(o.putObject("modifier"), d.modifier());
      }
      if (d.rgb() != null) {
        o.putArray("color").add(d.rgb()[0]).add(d.rgb()[1]).add(d.rgb()[2]);
      }
    }
  }

  private static void code(ObjectNode node, CodedConcept c) {
    node.put("scheme", c.scheme()).put("code", c.code()).put("meaning", c.meaning());
  }
}
