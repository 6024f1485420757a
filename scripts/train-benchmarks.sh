#!/usr/bin/env bash
# Trains each reference architecture on the full MNIST and collects the report.json files that
# docs/benchmarks.md quotes. Usage: scripts/train-benchmarks.sh [data-dir] [out-dir] [arch:epochs ...]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/mnist}
out=${2:-target/benchmarks}
shift $(( $# > 2 ? 2 : $# )) || true
runs=("$@")
[ ${#runs[@]} -gt 0 ] || runs=(cnn:5 basic-cnn:5 resnet-small:5 resnet18:2)
export OMP_WAIT_POLICY=PASSIVE
# The classpath goes to a file: with TERM=xterm, Maven prints ANSI codes on stdout.
mvn -B -q -pl mnist-trainer -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp=$(cat mnist-trainer/target/cp.txt)
for run in "${runs[@]}"; do
  arch=${run%%:*}; epochs=${run##*:}
  echo "== $arch, $epochs epochs"
  java -Dai.djl.offline=true -cp "mnist-trainer/target/classes:$cp" io.github.mnistkit.trainer.cli.TrainCommand \
    --architecture "$arch" --epochs "$epochs" --data "$data" --output "$out/$arch-$epochs" \
    | grep -v $'\r' || true
done
