#!/usr/bin/env bash
# Submits ctpipe to a running Flink 1.19 cluster with the classic FlinkRunner.
# Usage: runners/flink/submit.sh JOBMANAGER_HOST:PORT [ctpipe run options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
master="${1:?usage: submit.sh JOBMANAGER_HOST:PORT [ctpipe run options]}"
shift
jar="$root/pipeline/target/ctpipe.jar"
[ -f "$jar" ] || mvn -q -B -f "$root/pom.xml" -DskipTests package
# The jar is shipped to the cluster by the runner (filesToStage); the launcher itself runs here.
exec java ${CTPIPE_JAVA_OPTS:-} -jar "$jar" run --runner=FlinkRunner --flinkMaster="$master" \
  --filesToStage="$jar" "$@"
