package io.ctpipe.pipeline.cli;

import picocli.CommandLine.Command;

/** {@code ctpipe qa …}: quality checks on results made by ctpipe or any other tool. */
@Command(name = "qa", mixinStandardHelpOptions = true, description = "Quality checks.",
    subcommands = {SegmentationQaCommand.class})
final class QaCommand {}
