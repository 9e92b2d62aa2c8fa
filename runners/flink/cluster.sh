#!/usr/bin/env bash
# A Flink 1.19 standalone session cluster on this machine, made from Maven Central artifacts: one JobManager
# (StandaloneSessionClusterEntrypoint) and N TaskManagers (TaskManagerRunner), each its own JVM, on loopback.
#
#   runners/flink/cluster.sh start [--taskmanagers N] [--slots S] [--tm-memory SIZE] [--jm-memory SIZE]
#                                  [--rest-port P] [--rpc-port P] [--set key=value]... [--dir DIR]
#   runners/flink/cluster.sh status [--dir DIR]
#   runners/flink/cluster.sh stop [--dir DIR]
#   runners/flink/cluster.sh kill-taskmanager I [--dir DIR]     # SIGKILL TaskManager I (a fault drill)
#   runners/flink/cluster.sh start-taskmanager I [--dir DIR]    # start (or replace) TaskManager I
#
# Defaults: 1 TaskManager with one slot per core and 4g, JobManager 1g, REST port 8081, RPC port 6123, folder
# runners/flink/target/cluster (conf/, log/, pids/). Then submit with runners/flink/submit.sh localhost:REST_PORT.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java="${JAVA:-java}"

command="${1:-}"
[ -n "$command" ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
shift
index=""
case "$command" in
  kill-taskmanager|start-taskmanager) index="${1:?$command needs the TaskManager number}"; shift ;;
esac

dir="$here/target/cluster"
taskmanagers=1
slots="$(nproc)"
tm_memory=4g
jm_memory=1g
rest_port=8081
rpc_port=6123
settings=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --taskmanagers) taskmanagers="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --tm-memory) tm_memory="$2"; shift 2 ;;
    --jm-memory) jm_memory="$2"; shift 2 ;;
    --rest-port) rest_port="$2"; shift 2 ;;
    --rpc-port) rpc_port="$2"; shift 2 ;;
    --set) settings+=("$2"); shift 2 ;;
    *) echo "cluster.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for number in "$taskmanagers" "$slots" "$rest_port" "$rpc_port"; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || { echo "cluster.sh: expected a positive number, got '$number'" >&2; exit 2; }
done

classpath_file="$here/cluster/target/flink-classpath.txt"
classpath() {
  if [ ! -s "$classpath_file" ]; then
    mvn -q -B -ntp -f "$root/pom.xml" -pl runners/flink/cluster generate-resources >&2
  fi
  cat "$classpath_file"
}

# GET http://localhost:REST_PORT$1 with bash alone (no curl needed); prints the body.
rest_get() {
  local port
  port="$(cat "$dir/rest-port")"
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
  sed '1,/^\r$/d' <&3
  exec 3<&-
}

# The JVM options (line 1) and dynamic properties (line 2) Flink derives from the configuration for a process.
resource_params() {
  local output
  if ! output="$("$java" -cp "$(classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" -c "$dir/conf" \
      2>&1)"; then
    echo "cluster.sh: Flink refuses the memory settings:" >&2
    grep -m1 'Exception' <<<"$output" | sed 's/^.*Exception: //' >&2
    return 1
  fi
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

start_process() { # name, main class, resource query, extra args...
  local name="$1" main="$2" query="$3"
  shift 3
  local params jvm dynamic
  params="$(resource_params "$query")" || exit 1
  jvm="$(sed -n 1p <<<"$params")"
  dynamic="$(sed -n 2p <<<"$params")"
  # shellcheck disable=SC2086 # the derived options are space-separated words
  nohup "$java" $jvm ${CTPIPE_FLINK_JAVA_OPTS:-} -cp "$(classpath)" "$main" -c "$dir/conf" $dynamic "$@" \
    >"$dir/log/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
}

running() { [ -f "$dir/pids/$1.pid" ] && kill -0 "$(cat "$dir/pids/$1.pid")" 2>/dev/null; }

wait_for_taskmanagers() { # count
  for _ in $(seq 1 120); do
    if ! running jobmanager; then
      echo "cluster.sh: the JobManager stopped:" >&2
      grep -m1 -E 'ERROR|Exception' "$dir/log/jobmanager.log" >&2 || true
      return 1
    fi
    if [[ "$(rest_get /overview 2>/dev/null || true)" == *"\"taskmanagers\":$1,"* ]]; then
      return 0
    fi
    sleep 0.5
  done
  echo "cluster.sh: $1 TaskManager(s) did not register within 60 s; see $dir/log" >&2
  return 1
}

stop_all() {
  for pid_file in "$dir"/pids/*.pid; do
    [ -f "$pid_file" ] || continue
    kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  for pid_file in "$dir"/pids/*.pid; do
    [ -f "$pid_file" ] || continue
    for _ in $(seq 1 40); do kill -0 "$(cat "$pid_file")" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

start_taskmanager() { # number
  start_process "taskmanager-$1" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "taskmanager.resource-id=taskmanager-$1"
}

case "$command" in
  start)
    if running jobmanager; then
      echo "cluster.sh: a cluster is already running from $dir (stop it first)" >&2
      exit 1
    fi
    mkdir -p "$dir/conf" "$dir/log" "$dir/pids"
    overrides=(
      "jobmanager.rpc.address=127.0.0.1" "jobmanager.bind-host=127.0.0.1" "jobmanager.rpc.port=$rpc_port"
      "jobmanager.memory.process.size=$jm_memory" "rest.address=127.0.0.1" "rest.bind-address=127.0.0.1"
      "rest.port=$rest_port" "taskmanager.host=127.0.0.1" "taskmanager.bind-host=127.0.0.1"
      "taskmanager.numberOfTaskSlots=$slots" "taskmanager.memory.process.size=$tm_memory" "${settings[@]}"
    )
    # config.yaml is YAML: a key may appear once, so the base file's line gives way to an override
    declare -A overridden=()
    for setting in "${overrides[@]}"; do
      overridden["${setting%%=*}"]=1
    done
    {
      while IFS= read -r line; do
        key="${line%%:*}"
        if [ -z "$key" ] || [[ "$key" == \#* ]] || [ -z "${overridden[$key]:-}" ]; then
          printf '%s\n' "$line"
        fi
      done <"$here/config.yaml"
      echo
      echo "# written by cluster.sh"
      for setting in "${overrides[@]}"; do
        echo "${setting%%=*}: ${setting#*=}"
      done
    } >"$dir/conf/config.yaml"
    echo "$rest_port" >"$dir/rest-port"
    trap 'stop_all' ERR EXIT
    start_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
      GET_JM_RESOURCE_PARAMS
    for i in $(seq 1 "$taskmanagers"); do
      start_taskmanager "$i"
    done
    wait_for_taskmanagers "$taskmanagers"
    trap - ERR EXIT
    echo "Flink cluster up: $taskmanagers TaskManager(s) x $slots slot(s), REST 127.0.0.1:$rest_port (loopback only; logs: $dir/log)"
    ;;
  status)
    [ -f "$dir/rest-port" ] && running jobmanager || { echo "no cluster running from $dir"; exit 1; }
    rest_get /overview
    echo
    ;;
  stop)
    stop_all
    echo "Flink cluster from $dir stopped"
    ;;
  kill-taskmanager)
    running "taskmanager-$index" || { echo "cluster.sh: TaskManager $index is not running" >&2; exit 1; }
    kill -9 "$(cat "$dir/pids/taskmanager-$index.pid")"
    echo "TaskManager $index killed"
    ;;
  start-taskmanager)
    running "taskmanager-$index" && { echo "cluster.sh: TaskManager $index is running" >&2; exit 1; }
    start_taskmanager "$index"
    echo "TaskManager $index started"
    ;;
  *)
    echo "cluster.sh: unknown command $command (start, status, stop, kill-taskmanager, start-taskmanager)" >&2
    exit 2
    ;;
esac
