package io.ctpipe.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.volume.HuVolume;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The pieces the benchmarks are made of: label comparison, padded CTs, table parsing and SVG charts. */
class BenchToolsTest {
  private static final String TABLE = """
      Reference: something

      | volume | classes | accumulation | peak RSS MB | speed-up |
      |---|---|---|---|---|
      | 160×160×200 | 16 | topk K=3 | 412 | 1.50× |
      | 160×160×200 | 128 | topk K=3 | 430 | 1.40× |
      | 160×160×200 | 16 | streaming | 600 | 1.00× |
      | 160×160×200 | 128 | streaming | 1800 (not run) | — |

      Fastest: …
      """;

  @Test
  void labelComparisonCountsChangesAndDicePerLabel() {
    LabelComparison c = LabelComparison.of(new short[] {0, 1, 1, 2, 2, 2}, new short[] {0, 1, 2, 2, 2, 0});
    assertEquals(2, c.changed());
    assertEquals(4 / 6.0, c.agreement(), 1e-12);
    assertEquals(3 / 5.0, c.labelledAgreement(), 1e-12, "the voxel both call background does not count");
    assertEquals(2.0 / 3, c.dice().get(1), 1e-12, "label 1: |A∩B| 1, |A| 2, |B| 1");
    assertEquals(4.0 / 6, c.dice().get(2), 1e-12);
    assertEquals(1, c.worstLabel());
    assertEquals(2, c.worstLabelVoxels());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabelComparison.of(new short[3], new short[4]));
    assertEquals("label volumes differ in size: 3 and 4", e.getMessage());
  }

  @Test
  void paddedCtKeepsItsVoxelsInPlaceAndAddsAir() {
    HuVolume source = new HuVolume() {
      public int[] dims() {
        return new int[] {2, 3, 2};
      }

      public double[] spacing() {
        return new double[] {2, 3, 5};
      }

      public double[] origin() {
        return new double[] {10, 20, 30};
      }

      public double[] direction() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
      }

      public float hu(int index) {
        return index;
      }
    };
    BenchCt ct = BenchCt.of(source, 10, 2);
    assertArrayEquals(new int[] {6, 5, 4}, ct.dims(), "10 mm / 2 mm → pad 2 per side; 10 mm / 3 mm → pad 1; z twice");
    assertArrayEquals(new double[] {6, 17, 30}, ct.origin(), 1e-12);
    assertEquals(BenchCt.AIR_HU, ct.hu(0));
    int inside = 2 + 6 * (1 + 5 * 3);
    assertEquals(source.hu(0 + 2 * (0 + 3 * 1)), ct.hu(inside), "slice 3 is the source's slice 1 again");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchCt.of(source, 0, 0));
    assertEquals("--stack must be at least 1, got 0", e.getMessage());
  }

  @Test
  void tablesParseAndChartAsWellFormedSvg() throws Exception {
    MarkdownTable t = MarkdownTable.parse(TABLE);
    assertEquals(List.of("volume", "classes", "accumulation", "peak RSS MB", "speed-up"), t.header());
    assertEquals(4, t.rows().size());
    assertEquals(1.5, MarkdownTable.number("1.50×"));
    assertEquals(1800, MarkdownTable.number("1800 (not run)"));
    assertTrue(Double.isNaN(MarkdownTable.number("—")));
    PlotBenchCommand plot = new PlotBenchCommand();
    plot.x = "classes";
    plot.y = "peak RSS MB";
    plot.series = List.of("accumulation");
    plot.where = List.of("volume=160×160×200");
    plot.title = "memory & classes";
    plot.logX = true;
    SvgChart chart = plot.chart(t);
    assertEquals(4, chart.points(), "the not-run row plots its need; dashes are left out");
    String svg = chart.toSvg();
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(4, doc.getElementsByTagName("circle").getLength());
    assertEquals(2, doc.getElementsByTagName("path").getLength(), "one line per accumulation");
    assertTrue(svg.contains("memory &amp; classes"));
    plot.y = "GFLOP/s";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plot.chart(t));
    assertTrue(e.getMessage().startsWith("no column 'GFLOP/s'; the table has [volume,"), e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> MarkdownTable.parse("hi\n"));
    assertEquals("no Markdown table (a line starting with '|') found", none.getMessage());
  }
}
