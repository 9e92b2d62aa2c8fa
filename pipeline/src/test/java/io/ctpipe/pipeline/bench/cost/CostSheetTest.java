package io.ctpipe.pipeline.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The price sheet: the built-in one loads whole, and every mistake in a sheet names its file and line. */
class CostSheetTest {
  private static final String MACHINES = "name,vcpus,memory_gb\nm-4,4,16\n";

  private static IllegalArgumentException bad(String prices, String machines) {
    return assertThrows(IllegalArgumentException.class, () -> CostSheet.of(prices, "p.csv", machines, "m.csv"));
  }

  @Test
  void builtInSheetHasBothTiersAndTheMachineTypesTheDocsUse() throws Exception {
    CostSheet sheet = CostSheet.read(null, null);
    PriceTier batch = sheet.tier("batch");
    PriceTier flexrs = sheet.tier("flexrs");
    assertEquals(0.6 * batch.vcpuHour(), flexrs.vcpuHour(), 1e-9, "FlexRS is 40 % below batch for vCPU");
    assertEquals(0.6 * batch.memoryGbHour(), flexrs.memoryGbHour(), 1e-9, "and for memory");
    for (String name : new String[] {"n2-standard-4", "n2-highmem-4", "n2-standard-8", "n2-highcpu-8"}) {
      assertEquals(name, sheet.machine(name).name());
    }
    assertEquals(8.0, sheet.machine("n2-highmem-4").memoryGb() / sheet.machine("n2-highmem-4").vcpus());
    assertTrue(sheet.source().contains("cloud.google.com/dataflow/pricing"), sheet.source());
  }

  @Test
  void commentLinesBecomeTheSourceAndLookupsListWhatIsKnown() {
    CostSheet sheet = CostSheet.of("# my rates, 2026\ntier,vcpu_hour,memory_gb_hour,disk_gb_hour\nx,1,0.5,0\n",
        "p.csv", MACHINES, "m.csv");
    assertEquals("my rates, 2026", sheet.source());
    assertEquals(new PriceTier("x", 1, 0.5, 0), sheet.tier("x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sheet.machine("n9-huge-4"));
    assertEquals("unknown machine type 'n9-huge-4'; the sheet has [m-4] (add it with --prices/--machines files)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> sheet.tier("spot"));
    assertEquals("unknown price tier 'spot'; the sheet has [x] (add it with --prices/--machines files)",
        e.getMessage());
  }

  @Test
  void badSheetsAreRefusedWithFileAndLine() {
    String header = "tier,vcpu_hour,memory_gb_hour,disk_gb_hour\n";
    assertEquals("p.csv must start with the header 'tier,vcpu_hour,memory_gb_hour,disk_gb_hour', got "
        + "'tier,vcpu,memory'", bad("tier,vcpu,memory\nx,1,2\n", MACHINES).getMessage());
    assertEquals("p.csv line 3: 4 values expected, got 3", bad("# c\n" + header + "x,1,2\n", MACHINES).getMessage());
    assertEquals("p.csv line 2: 'cheap' is not a number", bad(header + "x,cheap,1,1\n", MACHINES).getMessage());
    assertEquals("p.csv line 2: price tier x: rates must be 0 to 1000 dollars an hour, got -1.0",
        bad(header + "x,-1,1,1\n", MACHINES).getMessage());
    assertEquals("p.csv line 3: 'x' is listed twice", bad(header + "x,1,1,1\nx,2,2,2\n", MACHINES).getMessage());
    assertEquals("p.csv has a header but no rows", bad(header, MACHINES).getMessage());
    String prices = header + "x,1,1,1\n";
    assertEquals("m.csv line 2: '4.5' is not a whole number", bad(prices, "name,vcpus,memory_gb\nm,4.5,16\n")
        .getMessage());
    assertEquals("m.csv line 2: machine type m: vCPUs must be 1 to 1024, got 0", bad(prices,
        "name,vcpus,memory_gb\nm,0,16\n").getMessage());
    assertEquals("m.csv line 2: machine type m: memory must be above 0 and at most 65536 GB, got NaN", bad(prices,
        "name,vcpus,memory_gb\nm,4,NaN\n").getMessage());
    assertEquals("p.csv is larger than 65536 bytes", bad("#".repeat(CostSheet.MAX_BYTES + 1), MACHINES)
        .getMessage());
  }
}
