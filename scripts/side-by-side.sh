#!/usr/bin/env bash
# Side-by-side: the PyTorch reference (Debian python3-torch, eager) and mnist-kit, same machine, same
# run, same data, same epochs. Prints one JSON line per side and a ratio table.
# usage: scripts/side-by-side.sh [data-dir] [epochs] [threads] [arch ...]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/mnist}; epochs=${2:-1}; threads=${3:-2}
shift $(( $# > 3 ? 3 : $# )) || true
archs=("$@"); [ ${#archs[@]} -gt 0 ] || archs=(cnn basic-cnn)
export OMP_WAIT_POLICY=PASSIVE
python3_torch=/usr/bin/python3
"$python3_torch" -c "import torch" 2>/dev/null || { echo "needs Debian's python3-torch: apt-get install python3-torch" >&2; exit 2; }
mvn -B -q package -DskipTests -pl mnist-cli,mnist-benchmarks -am
out=target/side-by-side; mkdir -p "$out"
for arch in "${archs[@]}"; do
  "$python3_torch" scripts/pytorch_reference.py "$arch" "$epochs" "$data" "$threads" | tee "$out/$arch-pytorch.json"
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -jar mnist-cli/target/mnist-kit.jar \
    train --architecture "$arch" --epochs "$epochs" --data-directory "$data" \
    --output-directory "$out/$arch" --force > "$out/$arch-train.log"
  java -Dmnist.dataDirectory="$data" -cp mnist-benchmarks/target/benchmarks.jar \
    io.github.mnistkit.benchmarks.InferenceSpeed "$out/$arch/model.onnx" "$threads" | tee "$out/$arch-sdk.json"
  python3 - "$out" "$arch" <<'PY'
import json, sys
out, arch = sys.argv[1:]
pt = json.load(open(f"{out}/{arch}-pytorch.json"))
report = json.load(open(f"{out}/{arch}/report.json"))
sdk = json.load(open(f"{out}/{arch}-sdk.json"))
ours = sum(e["seconds"] for e in report["epochs"]) / len(report["epochs"])
theirs = sum(pt["seconds_per_epoch"]) / len(pt["seconds_per_epoch"])
print(f"| {arch} | s/epoch {ours:.1f} vs {theirs:.1f} (ratio {theirs/ours:.2f}x) "
      f"| test acc {100*report['test_accuracy']:.2f}% vs {100*pt['test_accuracy']:.2f}% "
      f"| batch 1: {sdk['images_per_second_batch1']:.0f} vs {pt['images_per_second_batch1']:.0f} img/s ({sdk['images_per_second_batch1']/pt['images_per_second_batch1']:.1f}x) "
      f"| batch 256: {sdk['images_per_second_batch256']:.0f} vs {pt['images_per_second_batch256']:.0f} img/s ({sdk['images_per_second_batch256']/pt['images_per_second_batch256']:.1f}x) "
      f"| peak RSS train {report['machine']['peak_rss_mb']} vs {pt['peak_rss_mb']:.0f} MB |")
PY
done
