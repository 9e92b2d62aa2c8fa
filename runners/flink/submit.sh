#!/usr/bin/env bash
# Submits ctpipe to a running Flink 1.19 cluster with the classic FlinkRunner (the launcher runs here and waits for
# the job; the shaded jar is shipped to the cluster). Without --parallelism, uses every slot of the cluster.
# Usage: runners/flink/submit.sh JOBMANAGER_HOST:REST_PORT [ctpipe run options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
master="${1:?usage: submit.sh JOBMANAGER_HOST:REST_PORT [ctpipe run options]}"
shift

# the cluster's overview (bash alone, no curl): is it there, and how many slots has it
host="${master%:*}"
port="${master##*:}"
if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
  echo "submit.sh: no Flink cluster answers at $master (start one with runners/flink/cluster.sh start)" >&2
  exit 1
fi
printf 'GET /overview HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
slots="$(sed -n 's/.*"slots-total":\([0-9]*\).*/\1/p' <&3)"
exec 3<&-
if [ -z "$slots" ] || [ "$slots" -eq 0 ]; then
  echo "submit.sh: the cluster at $master has no task slots (no TaskManager registered)" >&2
  exit 1
fi
parallelism=()
[[ " $* " == *" --parallelism"* ]] || parallelism=("--parallelism=$slots")

jar="$root/pipeline/target/ctpipe.jar"
[ -f "$jar" ] || mvn -q -B -ntp -f "$root/pom.xml" -DskipTests package
exec java ${CTPIPE_JAVA_OPTS:-} -jar "$jar" run --runner=FlinkRunner --flinkMaster="$master" \
  --filesToStage="$jar" "${parallelism[@]}" "$@"
