#!/usr/bin/env bash
# Entry point of the training container: maps the job's environment to the training CLI, runs it,
# and turns the outcome into an exit code a scheduler can act on.
#
#   exit 0  model trained and stored; `current` points at it, or stays where a manual rollback
#           pinned it (an operator's choice, so nothing to alarm on; `unpin` releases it)
#   exit 3  model trained and stored, but the quality gate kept it from becoming current: its test
#           NDCG@20 fell below the serving version's x (1 - tolerance) or not above popularity's;
#           the previous model keeps serving (or, on a store with no model yet, none is). Look at the
#           report; `train --force` publishes anyway
#   exit 2  bad input or configuration (missing variable, unreadable or malformed events, no event
#           file in the window): retrying cannot help, fix the data or the job definition
#   exit 1  any other failure (engine, GPU, S3, out of memory, a bug): may be retried
#
# On every exit but 0 the previous model (if any) keeps serving: publishing moves `current` last.
#
# Environment (arguments after the image name are appended to `train` as they are):
#   ASSOCREC_EVENTS     required  behaviour events: one file, or a prefix ending in / (s3://bucket/events/)
#                                 or a local directory, whose .csv/.csv.gz/.parquet files are merged
#   ASSOCREC_STORE      required  model store root: s3://bucket or a local directory
#   ASSOCREC_CATALOG    optional  item catalogue file: s3://bucket/catalog/catalog.csv or a path
#   ASSOCREC_EVENTS_WINDOW_DAYS  optional  train only on event files (of a prefix) modified in the last N
#                                 days; 0 or unset = all
#   ASSOCREC_VERSION    optional  version name of the new model (default: UTC time, yyyyMMdd-HHmmss)
#   ASSOCREC_HP_<NAME>  optional  hyper-parameter, passed as --<name> <value> (ASSOCREC_HP_EPOCHS=20
#                                 -> --epochs 20; underscores become dashes: ASSOCREC_HP_TOP_K -> --top-k);
#                                 `train --help` lists them
#
# The CLI runs `train --events F --store S --model-version V [--catalog C] [--<hyper-parameter> value]`;
# for an S3 store its report also lands in S3 under reports/<version>/.
#   ASSOCREC_REQUIRE_GPU  true in the GPU image: fail (exit 1) when no GPU is visible
#   ASSOCREC_TRIGGER    optional  why this run started (set by the retraining trigger); logged
#   JAVA_OPTS           optional  JVM options (default: -XX:MaxRAMPercentage=80)
#   ASSOCREC_HOME       optional  where the app lives (default /opt/assocrec)
#   ASSOCREC_CLASSPATH  optional  class path of the app (default: $ASSOCREC_HOME jar and lib/)
#   ASSOCREC_WORK_DIR   optional  scratch space for staged inputs (default: a new folder under /tmp)
set -uo pipefail

readonly CLI_MAIN=dev.assocrec.training.cli.AssocrecCli
step=configure

log() { printf 'assocrec-train: %s\n' "$*"; }
finish() {
  local code=$1; shift
  if [ "$code" -eq 0 ]; then
    log "DONE $*"
  else
    log "FAILED step=$step exit=$code: $*"
  fi
  exit "$code"
}
enter() { step=$1; log "STEP $step"; }

enter configure
home=${ASSOCREC_HOME:-/opt/assocrec}
classpath=${ASSOCREC_CLASSPATH:-$home/assocrec-training.jar:$home/lib/*}
java_opts=${JAVA_OPTS:--XX:MaxRAMPercentage=80}

[ -n "${ASSOCREC_EVENTS:-}" ] || finish 2 "ASSOCREC_EVENTS is not set (the events to train on, e.g. s3://bucket/events/)"
[ -n "${ASSOCREC_STORE:-}" ] || finish 2 "ASSOCREC_STORE is not set (the model store root, e.g. s3://bucket)"
version=${ASSOCREC_VERSION:-$(date -u +%Y%m%d-%H%M%S)}
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ ]] && [ "$version" != current ] && [ "$version" != pin ] \
  || finish 2 "ASSOCREC_VERSION '$version' is not a valid version name (1-128 of [A-Za-z0-9._-], not 'current' or 'pin')"

work=${ASSOCREC_WORK_DIR:-$(mktemp -d /tmp/assocrec-work.XXXXXX)}
hyper_args=()
while IFS='=' read -r name value; do
  case "$name" in
    ASSOCREC_HP_*)
      option=${name#ASSOCREC_HP_}
      option=${option,,}
      option=${option//_/-}
      [[ "$option" =~ ^[a-z][a-z0-9-]*$ ]] || finish 2 "hyper-parameter variable $name does not name an option"
      hyper_args+=("--$option" "$value")
      ;;
  esac
done < <(env | LC_ALL=C sort)

log "trigger: ${ASSOCREC_TRIGGER:-manual}"
log "events=$ASSOCREC_EVENTS catalog=${ASSOCREC_CATALOG:-none} store=$ASSOCREC_STORE version=$version"

enter engine
require_gpu=()
[ "${ASSOCREC_REQUIRE_GPU:-false}" = true ] && require_gpu=(--require-gpu)
# shellcheck disable=SC2086 # java_opts holds several options on purpose
java $java_opts -Dai.djl.offline=true -cp "$classpath" dev.assocrec.training.container.EngineCheck "${require_gpu[@]}"
engine_status=$?
[ "$engine_status" -eq 0 ] || finish 1 "the PyTorch engine is not usable (EngineCheck exit $engine_status)"

enter inputs
# shellcheck disable=SC2086
events_file=$(java $java_opts -cp "$classpath" dev.assocrec.training.container.StageEvents "$ASSOCREC_EVENTS" "$work/inputs")
case $? in
  0) events_file=${events_file##*$'\n'} ;;
  2) finish 2 "the events at $ASSOCREC_EVENTS cannot be used (see the error above)" ;;
  *) finish 1 "staging the events from $ASSOCREC_EVENTS failed (see the error above)" ;;
esac

enter train
train_args=(train --events "$events_file" --store "$ASSOCREC_STORE" --model-version "$version")
[ -n "${ASSOCREC_CATALOG:-}" ] && train_args+=(--catalog "$ASSOCREC_CATALOG")
train_args+=("${hyper_args[@]}" "$@")
log "java $CLI_MAIN ${train_args[*]}"
mkdir -p "$work"
train_log=$work/train.log
# The CLI's output is kept to quote its quality-gate line in the last line of this log.
# shellcheck disable=SC2086
java $java_opts -Dai.djl.offline=true -cp "$classpath" "$CLI_MAIN" "${train_args[@]}" | tee "$train_log"
status=${PIPESTATUS[0]}
gate_line=$(grep -m1 '^assocrec: gate: ' "$train_log")
case "$status" in
  0)
    if [[ "$gate_line" == *"current is pinned"* ]]; then
      finish 0 "stored version $version in $ASSOCREC_STORE; ${gate_line##*; stored, not published: }"
    fi
    finish 0 "published version $version to $ASSOCREC_STORE" ;;
  3)
    comparison=${gate_line#assocrec: gate: }
    step=gate
    serving="the previous model keeps serving"
    # With nothing published yet the gate holds a candidate only for losing to popularity.
    [[ "$gate_line" == *"(current stays none;"* ]] && serving="no model is serving yet"
    finish 3 "candidate not published: ${comparison%%; stored, not published*}; $serving" ;;
  2) finish 2 "the training CLI rejected its input (see the error above)" ;;
  *) finish 1 "the training CLI failed with exit $status (see the error above)" ;;
esac
