package io.ctpipe.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU line above the benchmarks' tables names the CPU model, its cores and oneDNN's instruction set. */
class MeasuredCpuTest {
  @Test
  void theModelIsCpuinfosFirstModelName() {
    List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "model name\t: AMD EPYC 9R45",
        "processor\t: 1", "model name\t: other");
    assertEquals("AMD EPYC 9R45", MeasuredCpu.model(cpuinfo));
  }

  @Test
  void withoutCpuinfoTheArchitectureStandsIn() {
    assertEquals(System.getProperty("os.arch"), MeasuredCpu.model(List.of("processor\t: 0")));
  }

  @Test
  void theLineNamesModelCoresAndIsa() {
    assertEquals("CPU: AMD EPYC (2 cores), oneDNN ISA: avx512_core_bf16",
        MeasuredCpu.line("AMD EPYC", 2, "avx512_core_bf16"));
    assertEquals("CPU: Xeon (1 core), oneDNN ISA: avx2", MeasuredCpu.line("Xeon", 1, "avx2"));
  }

  @Test
  void thisMachinesLineHasItsCoresAndAKnownIsa() {
    String line = MeasuredCpu.line();
    assertTrue(line.startsWith("CPU: "), line);
    assertTrue(line.contains("(" + Runtime.getRuntime().availableProcessors() + " core"), line);
    assertTrue(line.matches(".*oneDNN ISA: (avx|sse|amx|isa_all|default|unavailable).*"), line);
  }
}
