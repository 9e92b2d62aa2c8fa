package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        + "t,0.05,0.004,0.0001\n");
    Path machines = Files.writeString(dir.resolve("m.csv"), "name,vcpus,memory_gb\nm-4,4,16\nm-1,1,2\n");
    Result r = cost("--core-seconds", "36", "--memory-per-series", "6g", "--series", "1200", "--workers", "2",
        "--prices", prices.toString(), "--machines", machines.toString(), "--machine-types", "m-4,m-1", "--tiers",
        "t");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("prices: test rates"), r.out());
    MarkdownTable table = MarkdownTable.parse(r.out());
    assertEquals(List.of("m-4", "4", "16", "2", "2", "t", "0.2690", "400.0", "0.00067", "0.81", "1.5"),
        table.rows().get(0), "16 GB hold two 6 GB series; 0.269 $/h over 400 series/h; 1200 series on 2 workers");
    assertEquals(List.of("m-1", "1", "2", "0: does not fit", "—", "t", "—", "—", "—", "—", "—"),
        table.rows().get(1));
  }

  @Test
  void builtInSheetPricesTheDefaultMachineTypesInBothTiers() {
    Result r = cost("--core-seconds", "20", "--memory-per-series", "1200m");
    assertEquals(0, r.exit(), r.err());
    MarkdownTable table = MarkdownTable.parse(r.out());
    assertEquals(8, table.rows().size(), r.out());
    assertEquals(List.of("batch", "flexrs"), table.rows().subList(0, 2).stream().map(row -> row.get(5)).toList());
  }

  @Test
  void badInputIsOneLineNamingTheOption() {
    Result r = cost("--core-seconds", "20", "--memory-per-series", "auto");
    assertEquals(1, r.exit());
    assertEquals("ctpipe cost: --memory-per-series needs a size such as 1200m or 2g, not auto", r.err().trim());
    r = cost("--core-seconds", "20", "--memory-per-series", "1g", "--machine-types", "n9-huge-4");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("ctpipe cost: unknown machine type 'n9-huge-4'; the sheet has [e2-highmem-4,"),
        r.err());
    r = cost("--core-seconds", "-3", "--memory-per-series", "1g");
    assertEquals("ctpipe cost: --core-seconds must be above 0 and at most 1e7, got -3.0", r.err().trim());
    r = cost("--core-seconds", "3", "--memory-per-series", "1g", "--series", "0");
    assertEquals("ctpipe cost: --series and --workers must be at least 1, got 0 and 10", r.err().trim());
  }
}
