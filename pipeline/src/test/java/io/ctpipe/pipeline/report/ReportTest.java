package io.ctpipe.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.seg.SegReader;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.pipeline.cli.CtpipeCommand;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report of the demo's run (3 phantom series, a broken series, a malformed manifest line): well-formed pages
 * whose links resolve, every dead letter listed, overlays whose pixels are the CT and the SEG's colours, and the
 * cohort and a series page rendered by headless Chromium without console errors, with charts and overlays on
 * screen. The cohort screenshot is kept as target/report-screenshot.png (the README's picture).
 */
class ReportTest {
  @TempDir
  static Path work;
  private static Path index;

  @BeforeAll
  static void runTheDemo() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = CtpipeCommand.newCommandLine();
    cli.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
    cli.setErr(new java.io.PrintWriter(err, true));
    assertEquals(0, cli.execute("demo", "--work", work.toString()), err.toString());
    index = work.resolve("report/index.html");
    assertTrue(Files.isRegularFile(index));
  }

  private static List<Path> pages() throws Exception {
    List<Path> pages = new ArrayList<>(List.of(index));
    try (Stream<Path> files = Files.list(work.resolve("report/series"))) {
      files.filter(p -> p.toString().endsWith(".html")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void pagesAreWellFormedAndEveryLinkResolves() throws Exception {
    List<Path> pages = pages();
    assertEquals(4, pages.size(), "the cohort page and one page per processed series");
    for (Path page : pages) {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
      for (String[] attribute : new String[][] {{"a", "href"}, {"img", "src"}}) {
        NodeList nodes = doc.getElementsByTagName(attribute[0]);
        for (int i = 0; i < nodes.getLength(); i++) {
          String target = ((Element) nodes.item(i)).getAttribute(attribute[1]);
          assertTrue(Files.exists(page.getParent().resolve(target)), page + " links to missing " + target);
        }
      }
    }
  }

  @Test
  void everyDeadLetterIsListedWithItsManifestLine() throws Exception {
    String html = Files.readString(index);
    assertTrue(html.contains("manifest.txt:5") && html.contains("truncated data: element (7FE0,0010)"), html);
    assertTrue(html.contains("manifest.txt:6") && html.contains("this line names no series"), html);
    assertTrue(html.contains("The body part regression model of this run is an UNTRAINED replica"));
  }

  /** Every pixel of the axial panel is the CT's grey blended with the colour of the SEG's segment at that voxel. */
  @Test
  void overlayPixelsAreTheSegsColoursOverTheCt() throws Exception {
    DicomReader reader = new DicomReader();
    Path seg;
    try (Stream<Path> files = Files.walk(work.resolve("output"))) {
      seg = files.filter(p -> p.toString().endsWith(".seg.dcm")).sorted().findFirst().orElseThrow();
    }
    Segmentation segmentation = SegReader.read(reader.read(seg));
    CtVolume ct = null;
    try (Stream<Path> folders = Files.list(work.resolve("cohort"))) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        var found = new SeriesScanner(reader).scan(folder).series();
        if (!found.isEmpty() && found.get(0).seriesInstanceUid().equals(seg.getParent().getFileName().toString())) {
          ct = new VolumeAssembler(reader).assemble(found.get(0));
        }
      }
    }
    OverlayMontage.Result montage = OverlayMontage.draw(segmentation, ct);
    int[] dims = ct.dims();
    double[] spacing = ct.spacing();
    double mm = Math.min(Math.min(spacing[0], spacing[1]), Math.max(dims[0] * spacing[0], dims[1] * spacing[1])
        / 320);
    int z = montage.planes()[2];
    boolean[][] masks = new boolean[segmentation.segments().size()][];
    for (int s = 0; s < masks.length; s++) {
      masks[s] = segmentation.mask(segmentation.segments().get(s).number(), ct);
    }
    int width = (int) Math.round(dims[0] * spacing[0] / mm);
    int height = (int) Math.round(dims[1] * spacing[1] / mm);
    int coloured = 0;
    for (int py = 0; py < height; py++) {
      for (int px = 0; px < width; px++) {
        int x = Math.min(dims[0] - 1, (int) (px * mm / spacing[0]));
        int y = Math.min(dims[1] - 1, (int) (py * mm / spacing[1]));
        int voxel = x + dims[0] * (y + dims[1] * z);
        int label = 0;
        for (int s = 0; s < masks.length && label == 0; s++) {
          label = masks[s][voxel] ? segmentation.segments().get(s).number() : 0;
        }
        coloured += label != 0 ? 1 : 0;
        assertEquals(OverlayMontage.pixel(ct.hu(voxel), label, montage.colours()),
            montage.image().getRGB(px, py) & 0xFFFFFF, "pixel " + px + "," + py);
      }
    }
    assertTrue(coloured > width * height / 4, "the phantom's body is labelled: " + coloured);
  }

  @Test
  void chromiumRendersTheCohortAndASeriesPageWithChartsAndOverlays() throws Exception {
    String chromium = ExternalTools.require("/usr/bin/chromium");
    Path series = pages().get(1);
    Path cohortShot = Path.of("target/report-screenshot.png").toAbsolutePath();
    Files.createDirectories(cohortShot.getParent());
    BufferedImage cohort = screenshot(chromium, index, cohortShot);
    BufferedImage seriesShot = screenshot(chromium, series, work.resolve("series.png"));
    assertTrue(count(cohort, 0x1f77b4) > 30, "the volume chart's dots are drawn");
    assertTrue(count(seriesShot, 0x1f77b4) > 100, "the score curve is drawn");
    int overlay = 0;
    for (int y = 0; y < seriesShot.getHeight(); y++) {
      for (int x = 0; x < seriesShot.getWidth(); x++) {
        int rgb = seriesShot.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        overlay += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 25 ? 1 : 0;
      }
    }
    assertTrue(overlay > 20_000, "coloured overlay pixels on screen: " + overlay);
  }

  private static BufferedImage screenshot(String chromium, Path page, Path png) throws Exception {
    ExternalTools.Output out = ExternalTools.run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=1280,2000",
        "--screenshot=" + png, page.toUri().toString()));
    assertEquals(0, out.exitCode(), out.stderr());
    for (String line : out.stderr().split("\n")) {
      assertTrue(!line.contains("CONSOLE") && !line.contains("Failed to load resource")
          && !line.contains("Uncaught"), "browser console: " + line);
    }
    return ImageIO.read(new File(png.toString()));
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
      }
    }
    return n;
  }
}
