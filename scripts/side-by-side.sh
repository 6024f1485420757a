#!/usr/bin/env bash
# Fair inference side-by-side on the bundled cnn (the same weights in every row): mnist-kit SDK fp32
# and int8, DJL's own Predictor (PyTorch engine), and PyTorch eager (Debian python3-torch) with
# OpenBLAS (unpacked from libopenblas0-openmp, loaded through LD_LIBRARY_PATH, nothing installed)
# and with Debian's default BLAS; plus the physical limit of one core (ONNX Runtime's 1024³ fp32
# MatMul and u8·s8 MatMulInteger). Processes alternate A B C A B C … (REPEATS each); the summary
# gives each row's median and spread (min–max) and the ratios of medians.
# Ours run with OMP_WAIT_POLICY=PASSIVE as documented; PyTorch with its default wait policy.
# usage: scripts/side-by-side.sh [data-dir] [threads] [repeats] [seconds-per-row]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/mnist}; threads=${2:-1}; repeats=${3:-3}; seconds=${4:-2}
out=target/side-by-side/threads-$threads; mkdir -p "$out"; rm -f "$out"/*.jsonl
torch_python=/usr/bin/python3
"$torch_python" -c "import torch" 2>/dev/null \
  || { echo "needs Debian's python3-torch: apt-get install python3-torch" >&2; exit 2; }

openblas=target/side-by-side/openblas
if [ ! -e "$openblas/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3" ]; then
  mkdir -p "$openblas"
  (cd "$openblas" && apt-get download libopenblas0-openmp >/dev/null && dpkg-deb -x libopenblas0-openmp_*.deb .)
fi
openblas_lib=$PWD/$openblas/usr/lib/x86_64-linux-gnu/openblas-openmp

# The classpath goes to a file: with TERM=xterm, Maven prints ANSI codes on stdout.
mvn -B -q -pl mnist-trainer -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="mnist-trainer/target/test-classes:mnist-trainer/target/classes:$(cat mnist-trainer/target/cp.txt)"

ours() {
  OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
    -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" io.github.mnistkit.trainer.onnx.InferenceSideBySide \
    "$data" "$threads" 1 "$seconds" "$@" 2>>"$out/java.log"
}
pytorch() { # $1: LD_LIBRARY_PATH for the BLAS ("" = Debian's default)
  env -u OMP_WAIT_POLICY LD_LIBRARY_PATH="$1" "$torch_python" scripts/pytorch_reference.py infer \
    "$out/weights" "$data" "$threads" "$seconds"
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2),"\
  "load $(cut -d' ' -f1-3 /proc/loadavg), threads $threads, $repeats repeats, ${seconds}s per row" | tee "$out/conditions.txt"
ours --dump "$out/weights" > /dev/null   # writes the weights PyTorch loads; not counted
for repeat in $(seq "$repeats"); do
  ours | tee -a "$out/java.jsonl"
  pytorch "$openblas_lib" | tee -a "$out/pytorch-openblas.jsonl"
  pytorch "" | tee -a "$out/pytorch-default-blas.jsonl"
done

python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
def rows(name):
    return [json.loads(line) for line in open(f"{out}/{name}.jsonl")]
java, openblas, default = rows("java"), rows("pytorch-openblas"), rows("pytorch-default-blas")
macs = java[0]["macs_per_image"]
def series(runs, key):
    return [run[key] for run in runs]
def cell(values):
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"
peak32 = statistics.median(series(java, "peak_fp32_gflops"))
peak8 = statistics.median(series(java, "peak_int8_gops"))
threads = java[0]["threads"]
print(f"\nBLAS loaded by PyTorch: OpenBLAS rows {openblas[0]['blas_loaded']}; default rows {default[0]['blas_loaded']}")
print(f"PyTorch build: {openblas[0]['blas_config']}; wait policy {openblas[0]['omp_wait_policy']}")
print(f"Same model: PyTorch vs SDK max |Δp| {max(r['max_abs_diff_vs_sdk'] for r in openblas + default):.1e}")
print(f"Physical limit (one core, ONNX Runtime 1024³ GEMM): fp32 {cell(series(java, 'peak_fp32_gflops'))} GFLOP/s,"
      f" int8 {cell(series(java, 'peak_int8_gops'))} GOP/s\n")
print("| row | batch 1 | batch 64 | batch 256 | share of peak at 256 |")
print("|---|---|---|---|---|")
table = [("SDK int8", java, "sdk_int8_b", peak8), ("SDK fp32", java, "sdk_fp32_b", peak32),
         ("DJL Predictor (PyTorch engine)", java, "djl_predictor_b", peak32),
         ("PyTorch eager + OpenBLAS", openblas, "pytorch_eager_b", peak32),
         ("PyTorch eager + Debian default BLAS", default, "pytorch_eager_b", peak32)]
medians = {}
for name, runs, key, peak in table:
    cells = []
    for b in (1, 64, 256):
        values = series(runs, f"{key}{b}")
        medians[(name, b)] = statistics.median(values)
        cells.append(cell(values))
    share = medians[(name, 256)] * 2 * macs / 1e9 / (peak * threads)
    print(f"| {name} | " + " | ".join(cells) + f" | {100 * share:.0f}% |")
print("\nimages/s, median (min–max) of the repeats; ratios of medians:")
for b in (1, 64, 256):
    best = max(medians[("SDK int8", b)], medians[("SDK fp32", b)])
    print(f"batch {b}: SDK best / PyTorch+OpenBLAS {best / medians[('PyTorch eager + OpenBLAS', b)]:.1f}x,"
          f" SDK best / DJL {best / medians[('DJL Predictor (PyTorch engine)', b)]:.1f}x,"
          f" SDK fp32 / DJL {medians[('SDK fp32', b)] / medians[('DJL Predictor (PyTorch engine)', b)]:.1f}x,"
          f" int8 / fp32 {medians[('SDK int8', b)] / medians[('SDK fp32', b)]:.2f}x")
fresh, reused = series(java, "ort_int8_fresh_buffers_b1"), series(java, "ort_int8_reused_buffers_b1")
print(f"raw ONNX Runtime, int8, batch 1: new tensors per call {cell(fresh)}, reused direct buffers {cell(reused)}"
      f" images/s ({statistics.median(reused) / statistics.median(fresh):.2f}x)")
PY
