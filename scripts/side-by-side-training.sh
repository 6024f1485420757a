#!/usr/bin/env bash
# Training speed side by side: mnist-kit's trainer (DJL, PyTorch 2.x natives) and
# scripts/pytorch_reference.py (Debian python3-torch, eager) with OpenBLAS (unpacked from
# libopenblas0-openmp, loaded through LD_LIBRARY_PATH, nothing installed), same architecture, recipe
# and number of training images, one epoch each, alternating A B A B … (REPEATS each). Prints
# milliseconds per training image, median (min–max), and the ratio of medians.
# Ours with OMP_WAIT_POLICY=PASSIVE as documented; PyTorch with its default wait policy, or with
# TORCH_OMP_WAIT_POLICY (e.g. PASSIVE, for a like-for-like row: the policy alone is worth about 10%
# to the side that spins on this 2-core machine, see docs/benchmarks.md). Ours skips
# the int8 copy (--no-int8): it is written after the timed epoch and would only add wall time, and
# the "not a digit" class (--no-not-a-digit): with it, ours would train 11 outputs on 20% more images.
# Ours holds out no validation part (--validation-fraction 0): its epoch time would include the
# validation pass, and both sides then train on exactly MAX_TRAIN images (PyTorch's reference
# takes its MAX_TRAIN after the same 1/12 hold-out, so the images differ, not their number).
# Architectures: cnn, basic-cnn, resnet-small, resnet18 (scripts/pytorch_reference.py has those).
# usage: scripts/side-by-side-training.sh [data-dir] [threads] [repeats] [max-train-images] [arch ...]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/mnist}; threads=${2:-2}; repeats=${3:-3}; max_train=${4:-12000}
shift $(( $# > 4 ? 4 : $# )) || true
archs=("$@"); [ ${#archs[@]} -gt 0 ] || archs=(cnn)
torch_python=/usr/bin/python3
"$torch_python" -c "import torch" 2>/dev/null \
  || { echo "needs Debian's python3-torch: apt-get install python3-torch" >&2; exit 2; }
openblas=target/side-by-side/openblas
if [ ! -e "$openblas/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3" ]; then
  mkdir -p "$openblas"
  (cd "$openblas" && apt-get download libopenblas0-openmp >/dev/null && dpkg-deb -x libopenblas0-openmp_*.deb .)
fi
openblas_lib=$PWD/$openblas/usr/lib/x86_64-linux-gnu/openblas-openmp
mvn -B -q package -DskipTests -pl mnist-cli -am
for arch in "${archs[@]}"; do
  out=target/side-by-side/training-$arch; mkdir -p "$out"; rm -f "$out"/*.jsonl
  for repeat in $(seq "$repeats"); do
    OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
      -jar mnist-cli/target/mnist-kit.jar train --force --architecture "$arch" --epochs 1 \
      --max-train-images "$max_train" --validation-fraction 0 --no-int8 --no-not-a-digit --data-directory "$data" --output-directory "$out/ours" \
      > "$out/train.log" 2>&1
    python3 -c "import json,sys; r=json.load(open('$out/ours/report.json')); print(json.dumps({'side': 'mnist-kit', 'train_images': r['images']['train'], 'seconds': r['epochs'][0]['seconds']}))" | tee -a "$out/ours.jsonl"
    env -u OMP_WAIT_POLICY ${TORCH_OMP_WAIT_POLICY:+OMP_WAIT_POLICY=$TORCH_OMP_WAIT_POLICY} TRAIN_ONLY=1 LD_LIBRARY_PATH="$openblas_lib" "$torch_python" scripts/pytorch_reference.py \
      "$arch" 1 "$data" "$threads" "$max_train" | tee -a "$out/pytorch-openblas.jsonl"
  done
  python3 - "$out" "$arch" <<'PY'
import json, statistics, sys
out, arch = sys.argv[1:]
ours = [json.loads(l) for l in open(f"{out}/ours.jsonl")]
theirs = [json.loads(l) for l in open(f"{out}/pytorch-openblas.jsonl")]
a = [1000 * r["seconds"] / r["train_images"] for r in ours]
b = [1000 * r["seconds_per_epoch"][0] / r["train_images"] for r in theirs]
fmt = lambda v: f"{statistics.median(v):.3f} ({min(v):.3f}–{max(v):.3f})"
print(f"| {arch} | {ours[0]['train_images']} vs {theirs[0]['train_images']} images | ms/image ours {fmt(a)}"
      f" | PyTorch+OpenBLAS {fmt(b)} | ours / PyTorch {statistics.median(a) / statistics.median(b):.2f}x"
      f" | PyTorch OMP_WAIT_POLICY {theirs[0]['omp_wait_policy']} | BLAS {theirs[0]['blas_loaded']} |")
PY
done
