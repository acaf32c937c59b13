#!/usr/bin/env bash
# Ganvas GPU kit: trains the DCGAN on WebGPU (Dawn over Vulkan) on a Linux x64 machine with no Node and no
# network, and times it beside PyTorch on CUDA where python3 has it. Built by `pnpm gpu-kit` (packages/gpu-kit).
#
#   bash run.sh [output folder]          (default: $OUT)
#
# Writes at most 5 files there: figures.json, run.log, samples.png (tutorial run), samples-fast.png and
# registry.tar.gz (both published versions; see pack_registry). Every stage runs under a time limit; a stage that fails or runs
# out of time is recorded and the next one still runs. Knobs, from the environment (defaults in brackets):
#   KIT_BUDGET_S [330]   seconds for all stages together (packing the results comes on top, ~10 s)
#   TUTORIAL_STEPS [50]  training steps of the tutorial preset (64x64, batch 128)
#   FAST_EPOCHS [1]      epochs of the fast preset (32x32, batch 64; 140 steps an epoch)
#   FAST_MAX_STEPS []    caps the fast run's steps
#   TUTORIAL_PRESET [tutorial]  FAST_PRESET [fast]   the presets of the two runs; `tiny` for both makes a
#                        smoke run on a software adapter (SwiftShader), where the real presets take minutes a step
#   STEP_WARMUP [3]  STEP_REPEATS [10]  TORCH_STEPS [20]   the step-time measurements
#   KIT_WORK []          where to unpack (default: a new folder under $TMPDIR or /tmp)
#   KIT_FILE_LIMIT_MIB [16]  the largest file the results may hold (the device tool's limit)
set -u

KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUTDIR="${1:-${OUT:-}}"
if [ -z "$OUTDIR" ]; then
  echo "usage: bash run.sh <output folder>   (or set OUT)" >&2
  exit 2
fi
mkdir -p "$OUTDIR" && OUTDIR="$(cd "$OUTDIR" && pwd)" || exit 2
WORK="${KIT_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ganvas-kit.XXXXXX")}"
STAGES="$WORK/stages"
mkdir -p "$STAGES" || exit 2
: >"$STAGES/stages.tsv"
export HOME="${HOME:-$WORK/home}"

BUDGET="${KIT_BUDGET_S:-330}"
TUTORIAL_PRESET="${TUTORIAL_PRESET:-tutorial}"
FAST_PRESET="${FAST_PRESET:-fast}"
TUTORIAL_STEPS="${TUTORIAL_STEPS:-50}"
FAST_EPOCHS="${FAST_EPOCHS:-1}"
FAST_MAX_STEPS="${FAST_MAX_STEPS:-}"
STEP_WARMUP="${STEP_WARMUP:-3}"
STEP_REPEATS="${STEP_REPEATS:-10}"
TORCH_STEPS="${TORCH_STEPS:-20}"
NODE="$WORK/bin/node"
TOOLS="$WORK/app/kit-tools.mjs"
TRAINER="$WORK/app/trainer.mjs"
REGISTRY="$WORK/registry"
NVIDIA_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
export NODE TOOLS WORK STAGES TORCH_STEPS # for the stages that run a function under `timeout bash -c`
START=$(date +%s)
FAILED=0

note() { echo "$1=$2" >>"$STAGES/environment.txt"; }
say() { echo "$*" >&2; }
left() { echo $((BUDGET - ($(date +%s) - START))); }

# stage NAME CAP NEED COMMAND...: runs COMMAND under a limit of min(CAP, seconds left), or skips it when fewer
# than NEED seconds are left; records the outcome in stages.tsv. Shell functions run without a limit (they are
# quick, and set the environment of the later stages). Progress goes to stderr: stdout is the command's alone.
stage() {
  local name=$1 cap=$2 need=$3 limit status=ok note="" rc t0 seconds
  shift 3
  limit=$(left)
  if [ "$limit" -lt "$need" ]; then
    printf '%s\tskipped\t\t0\tout of time: %ss of the %ss budget left\n' "$name" "$limit" "$BUDGET" >>"$STAGES/stages.tsv"
    say "== $name: skipped, ${limit}s left"
    FAILED=1
    return 1
  fi
  [ "$cap" -lt "$limit" ] && limit=$cap
  say "== $name (limit ${limit}s)"
  t0=$(date +%s)
  if [ "$(type -t "$1")" = function ] || ! command -v timeout >/dev/null; then
    "$@"
  else
    timeout -k 10 "$limit" "$@"
  fi
  rc=$?
  seconds=$(($(date +%s) - t0))
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    status=timeout note="stopped at its ${limit}s limit"
  elif [ "$rc" -ne 0 ]; then
    status=failed note="exit code $rc"
  fi
  [ "$rc" -ne 0 ] && FAILED=1
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$status" "$rc" "$seconds" "$note" >>"$STAGES/stages.tsv"
  say "== $name: $status in ${seconds}s"
  return "$rc"
}

describe_machine() {
  note kernel "$(uname -srm)"
  [ -r /etc/os-release ] && note os "$(. /etc/os-release && echo "${PRETTY_NAME:-unknown}")"
  if command -v nvidia-smi >/dev/null; then
    note nvidiaSmi "$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -n 1)"
  fi
  note budgetSeconds "$BUDGET"
  note tutorialPreset "$TUTORIAL_PRESET"
  note fastPreset "$FAST_PRESET"
  note tutorialSteps "$TUTORIAL_STEPS"
  note fastEpochs "$FAST_EPOCHS"
  note fastMaxSteps "${FAST_MAX_STEPS:-none}"
  note work "$WORK"
  return 0
}

unxz_to() {
  if command -v xz >/dev/null; then
    xz -dc "$1" >"$2"
  else
    python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"
  fi
}

# Node, the bundles and Dawn's addon into the work folder (the bundles find node_modules beside them).
unpack() {
  local dawn="$WORK/node_modules/webgpu/dist/linux-x64"
  mkdir -p "$WORK/bin" &&
    cp -R "$KIT/app" "$KIT/node_modules" "$KIT/pytorch" "$WORK/" &&
    unxz_to "$KIT/node.xz" "$NODE" && chmod +x "$NODE" &&
    gzip -dc "$dawn/dawn.node.gz" >"$dawn/dawn.node" && rm -f "$dawn/dawn.node.gz" &&
    note node "$("$NODE" --version)"
}

# dpkg-deb -x without dpkg: a .deb is an ar archive holding data.tar.*.
extract_deb() {
  if command -v dpkg-deb >/dev/null; then
    dpkg-deb -x "$1" "$2"
  else
    python3 - "$1" "$2" <<'PY'
import io, sys, tarfile
with open(sys.argv[1], "rb") as deb:
    assert deb.read(8) == b"!<arch>\n", "not a .deb"
    while len(header := deb.read(60)) == 60:
        name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
        data = deb.read(size)
        deb.read(size % 2)
        if name.startswith("data.tar"):
            tarfile.open(fileobj=io.BytesIO(data)).extractall(sys.argv[2])
            break
PY
  fi
}

system_libvulkan() {
  local dir
  for dir in /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
    [ -e "$dir/libvulkan.so.1" ] && { echo "$dir/libvulkan.so.1"; return 0; }
  done
  ldconfig -p 2>/dev/null | awk '/libvulkan\.so\.1 .*x86-64/ { print $NF; exit }'
}

# The Vulkan loader (the system's, else the kit's libvulkan1 unpacked here, never into /) and the driver:
# NVIDIA's ICD where the container toolkit mounts it; elsewhere @ganvas/webgpu-node searches the usual places.
setup_vulkan() {
  local system deb dir
  system="$(system_libvulkan)"
  if [ -n "$system" ]; then
    note libvulkan "system $system"
  else
    deb="$(ls "$KIT"/debs/libvulkan1_*.deb | head -n 1)"
    extract_deb "$deb" "$WORK/vulkan" || return 1
    export LD_LIBRARY_PATH="$WORK/vulkan/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    note libvulkan "kit $(basename "$deb")"
  fi
  for dir in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
    [ -d "$dir" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$dir"
  done
  if [ -z "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ] && [ -f "$NVIDIA_ICD" ]; then
    export VK_ICD_FILENAMES="$NVIDIA_ICD" VK_DRIVER_FILES="$NVIDIA_ICD"
    say "NVIDIA ICD: $(tr -d '\n' <"$NVIDIA_ICD")"
  fi
  note vulkanDrivers "${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-searched by @ganvas/webgpu-node}}"
  note ldLibraryPath "${LD_LIBRARY_PATH:-}"
  return 0
}

# Why Dawn found no adapter: the Vulkan loader's own account (first lines only).
vulkan_diagnosis() {
  VK_LOADER_DEBUG=error,warn,info "$NODE" "$TOOLS" gpu-check 2>&1 | head -n 80
}
export -f vulkan_diagnosis

probe_torch() {
  local answer
  if ! command -v python3 >/dev/null; then
    note torchCuda "no"
    note torchCudaNote "no python3"
    return 0
  fi
  answer="$(timeout 90 python3 -c 'import torch; print(torch.cuda.is_available(), torch.__version__)' 2>&1 | tail -n 1)"
  case "$answer" in
    True\ *) note torchCuda True ;;
    *) note torchCuda no ;;
  esac
  note torchCudaNote "python3 says: $answer"
}

# pytorch_step RUN PRESET: packages/bench's PyTorch step on CUDA, the same network as the webgpu timing.
pytorch_step() {
  local run=$1 preset=$2 args
  args="$("$NODE" "$TOOLS" pytorch-args --preset "$preset")" || return 1
  # shellcheck disable=SC2086 # args is a list of flags
  python3 "$WORK/pytorch/dcgan_step.py" $args --device cuda --warmup 5 --steps "$TORCH_STEPS" >"$STAGES/pytorch-$run.json"
}
export -f pytorch_step

# steps_that_fit TIMING CAP PLANNED: the training steps that fit in the stage's limit at the step time measured
# before (less 40 s for start-up, data and publishing): a run stopped by its limit publishes nothing.
steps_that_fit() {
  local timing=$1 seconds=$2 planned=$3
  [ "$(left)" -lt "$seconds" ] && seconds=$(left)
  seconds=$((seconds - 40))
  [ "$seconds" -lt 1 ] && seconds=1
  "$NODE" "$TOOLS" fit-steps --timing "$timing" --seconds "$seconds" --max "$planned" 2>/dev/null || echo "$planned"
}

main() {
  local steps
  say "Ganvas GPU kit: $KIT -> $OUTDIR (work folder $WORK, budget ${BUDGET}s)"
  stage machine 30 0 describe_machine
  stage unpack 120 10 unpack || { say "cannot unpack the kit: nothing else can run"; return 1; }
  stage vulkan 60 5 setup_vulkan
  stage digits 60 10 "$NODE" "$TOOLS" restore-digits --data "$KIT/data" --node-modules "$WORK/node_modules" --out "$STAGES/digits.json"
  stage gpu-check 150 20 "$NODE" "$TOOLS" gpu-check --out "$STAGES/gpu-check.json" ||
    stage vulkan-diagnosis 40 20 bash -c vulkan_diagnosis
  stage step-tutorial 90 30 "$NODE" "$TOOLS" step-time --preset "$TUTORIAL_PRESET" --warmup "$STEP_WARMUP" --steps "$STEP_REPEATS" --out "$STAGES/step-tutorial.json"
  stage step-fast 60 20 "$NODE" "$TOOLS" step-time --preset "$FAST_PRESET" --warmup "$STEP_WARMUP" --steps "$STEP_REPEATS" --out "$STAGES/step-fast.json"
  stage torch-probe 100 20 probe_torch
  if grep -q '^torchCuda=True$' "$STAGES/environment.txt"; then
    stage pytorch-tutorial 90 20 bash -c "pytorch_step tutorial $TUTORIAL_PRESET"
    stage pytorch-fast 60 15 bash -c "pytorch_step fast $FAST_PRESET"
  fi
  steps=$(steps_that_fit "$STAGES/step-tutorial.json" 180 "$TUTORIAL_STEPS")
  note tutorialStepsRun "$steps"
  stage train-tutorial 180 40 "$NODE" "$TRAINER" train --backend webgpu --preset "$TUTORIAL_PRESET" --max-steps "$steps" \
    --seed 1 --name gpu-kit-tutorial --registry "$REGISTRY"
  steps=$(steps_that_fit "$STAGES/step-fast.json" 150 "${FAST_MAX_STEPS:-1000000}")
  note fastMaxStepsRun "$steps"
  stage train-fast 150 30 "$NODE" "$TRAINER" train --backend webgpu --preset "$FAST_PRESET" --epochs "$FAST_EPOCHS" \
    --max-steps "$steps" --seed 1 --name gpu-kit-fast --registry "$REGISTRY"
  return 0
}

# registry.tar.gz: both published versions. The device tool returns files of at most 16 MiB, and the tutorial
# generator's weights alone are about 48 MiB: past that limit they are left out (the manifest keeps their hash).
pack_registry() {
  local tarball="$OUTDIR/registry.tar.gz" limit=$((${KIT_FILE_LIMIT_MIB:-16} * 1048576))
  [ -d "$REGISTRY/models" ] || return 1
  tar -czf "$tarball" -C "$REGISTRY" --exclude=.staging models || return 1
  if [ "$(wc -c <"$tarball")" -gt "$limit" ]; then
    tar -czf "$tarball" -C "$REGISTRY" --exclude=.staging --exclude='models/gpu-kit-tutorial/versions/*/weights.bin' models || return 1
    note registryTarball "the tutorial version without its weights.bin: with it the tarball is over ${KIT_FILE_LIMIT_MIB:-16} MiB"
  else
    note registryTarball "both versions, complete"
  fi
}

# The results: at most 5 files, whatever happened above.
collect() {
  local files=(run.log) sample
  for sample in tutorial:samples.png fast:samples-fast.png; do
    if cp "$REGISTRY/models/gpu-kit-${sample%%:*}/versions/1/samples.png" "$OUTDIR/${sample#*:}" 2>/dev/null; then
      files+=("${sample#*:}")
    fi
  done
  pack_registry && files+=(registry.tar.gz)
  files+=(figures.json)
  local args=()
  for file in "${files[@]}"; do args+=(--file "$file"); done
  if ! "$NODE" "$TOOLS" figures --work "$WORK" --kit "$KIT" --out "$OUTDIR/figures.json" "${args[@]}"; then
    # No Node to assemble them: the stage table alone, as JSON strings.
    {
      echo '{"schema": "ganvas-gpu-kit-figures/1", "error": "the kit could not assemble its figures", "stages": ['
      sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/ | /g; s/.*/  "&",/' "$STAGES/stages.tsv"
      echo '  "end"]}'
    } >"$OUTDIR/figures.json"
  fi
  "$NODE" "$TOOLS" summary --figures "$OUTDIR/figures.json" 2>/dev/null
  say "results in $OUTDIR: ${files[*]}"
}

{
  main
  collect
  exit "$FAILED" # this block is a subshell (a pipeline): its exit status is the script's
} 2>&1 | tee "$OUTDIR/run.log"
exit "${PIPESTATUS[0]}"
