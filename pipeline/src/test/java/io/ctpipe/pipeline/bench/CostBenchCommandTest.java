package io.ctpipe.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.pipeline.cli.CtpipeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ctpipe bench cost}: a table row per machine type and tier, from a sheet given on the command line. */
class CostBenchCommandTest {
  @TempDir
  Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result cost(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CtpipeCommand.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "bench";
    all[1] = "cost";
    System.arraycopy(args, 0, all, 2, args.length);
    return new Result(cli.execute(all), out.toString(), err.toString());
  }

  @Test
  void printsOneRowPerMachineTypeAndTierFromTheGivenSheet() throws Exception {
    Path prices = Files.writeString(dir.resolve("p.csv"), "# test rates\ntier,vcpu_hour,memory_gb_hour,disk_gb_hour\n"
        + "t,0.05,0.004,0.00012\n");
    Path machines = Files.writeString(dir.resolve("m.csv"), "name,vcpus,memory_gb\nm-4,4,16\nm-1,1,2\n");
    Result r = cost("--core-seconds", "36", "--memory-per-series", "6g", "--series", "1200", "--workers", "2",
        "--prices", prices.toString(), "--machines", machines.toString(), "--machine-types", "m-4,m-1", "--tiers",
        "t");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("prices: test rates"), r.out());
    MarkdownTable table = MarkdownTable.parse(r.out());
    assertEquals(List.of("m-4", "4", "16", "2", "t", "0.2700", "200.0", "1.350", "1.62", "3.0"),
        table.rows().get(0), "16 GB hold two 6 GB series; 0.27 $/h over 200 series/h; 1200 series on 2 workers");
    assertEquals(List.of("m-1", "1", "2", "0: does not fit", "t", "—", "—", "—", "—", "—"),
        table.rows().get(1));
  }

  @Test
  void builtInSheetPricesTheDefaultMachineTypesInBothTiers() {
    Result r = cost("--core-seconds", "20", "--memory-per-series", "1200m");
    assertEquals(0, r.exit(), r.err());
    MarkdownTable table = MarkdownTable.parse(r.out());
    assertEquals(8, table.rows().size(), r.out());
    assertEquals(List.of("batch", "flexrs"), table.rows().subList(0, 2).stream().map(row -> row.get(4)).toList());
  }

  @Test
  void theCostTableInTheOperationsGuideIsWhatTheCommandPrints() throws Exception {
    String guide = Files.readString(Path.of("../docs/operations.md"));
    String section = guide.substring(guide.indexOf("### What a cohort costs"));
    Matcher command = Pattern.compile("`ctpipe bench cost (--core-seconds [^`]+)`").matcher(section);
    assertTrue(command.find(), "the guide shows the command it ran");
    Result r = cost(command.group(1).split(" "));
    assertEquals(0, r.exit(), r.err());
    MarkdownTable printed = MarkdownTable.parse(r.out());
    MarkdownTable documented = MarkdownTable.parse(section.substring(command.end()));
    assertEquals(printed, documented, "docs/operations.md's cost table is stale: run the command it shows again");
  }

  @Test
  void helpNamesTheInputsItNeeds() {
    Result r = cost("--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("--core-seconds") && r.out().contains("--memory-per-series"), r.out());
  }

  @Test
  void badInputIsOneLineNamingTheOption() {
    Result r = cost("--core-seconds", "20", "--memory-per-series", "auto");
    assertEquals(1, r.exit());
    assertEquals("ctpipe bench cost: --memory-per-series needs a size such as 1200m or 2g, got 'auto'", r.err().trim());
    r = cost("--core-seconds", "20", "--memory-per-series", "1.5g");
    assertEquals("ctpipe bench cost: --memory-per-series needs a size such as 1200m or 2g, got '1.5g'", r.err().trim());
    r = cost("--core-seconds", "20", "--memory-per-series", "1g", "--machine-types", "n9-huge-4");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("ctpipe bench cost: unknown machine type 'n9-huge-4'; the sheet has [e2-highmem-4,"),
        r.err());
    r = cost("--core-seconds", "-3", "--memory-per-series", "1g");
    assertEquals("ctpipe bench cost: --core-seconds must be above 0 and at most 1e7, got -3.0", r.err().trim());
    r = cost("--core-seconds", "3", "--memory-per-series", "1g", "--series", "0");
    assertEquals("ctpipe bench cost: --series and --workers must be at least 1, got 0 and 10", r.err().trim());
  }
}
