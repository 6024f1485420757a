#!/usr/bin/python3
"""PyTorch reference for the side-by-side benchmark (docs/benchmarks.md).

Written from the architecture descriptions in docs/model-zoo.md, not copied from anywhere. Trains one
architecture on MNIST from the IDX files for N epochs with the same recipe as mnist-kit, then
measures eager inference throughput at batch 1 and 256. Prints one JSON line.

usage: pytorch_reference.py ARCH EPOCHS DATA_DIR THREADS [MAX_TRAIN]   (TRAIN_ONLY=1: no test/throughput)
       pytorch_reference.py infer WEIGHTS_DIR DATA_DIR THREADS SECONDS
The second form measures eager inference only, on the bundled cnn's own weights (written by
InferenceSideBySide --dump; checked against the SDK's probabilities before timing), at batch 1, 64
and 256, and names the BLAS library the process actually loaded.
"""
import gzip, json, math, os, re, resource, struct, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN, STD = 0.1307, 0.3081


def read_idx(path):
    with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, count * rows * cols, 16).reshape(count, 1, rows, cols)
    return np.frombuffer(data, np.uint8, count, 8)


class Cnn(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2))
            for i, o in ((1, 32), (32, 64), (64, 128)))
        self.fc1, self.drop, self.fc2 = nn.Linear(1152, 256), nn.Dropout(0.5), nn.Linear(256, classes)

    def forward(self, x):
        x = (x - MEAN) / STD
        for block in self.blocks:
            x = block(x)
        return self.fc2(self.drop(F.relu(self.fc1(torch.flatten(x, 1)))))


class BasicCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
        self.drop1, self.drop2 = nn.Dropout(0.25), nn.Dropout(0.5)
        self.fc1, self.fc2 = nn.Linear(9216, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = (x - MEAN) / STD
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        x = self.drop1(torch.flatten(x, 1))
        return self.fc2(self.drop2(F.relu(self.fc1(x))))


class Bottleneck(nn.Module):
    """resnet-small's residual: 5x5 conv to 32, ReLU, 3x3 conv back, add, ReLU."""
    def __init__(self, channels):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(channels, 32, 5, padding=2), nn.Conv2d(32, channels, 3, padding=1)

    def forward(self, x):
        return F.relu(x + self.conv2(F.relu(self.conv1(x))))


class ResnetSmall(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem, self.res1 = nn.Conv2d(1, 64, 5, padding=2), Bottleneck(64)
        self.conv, self.res2 = nn.Conv2d(64, 128, 3, padding=1), Bottleneck(128)
        self.fc = nn.Linear(6272, 10)

    def forward(self, x):
        x = (x - MEAN) / STD
        x = self.res1(F.max_pool2d(F.relu(self.stem(x)), 2))
        x = self.res2(F.max_pool2d(F.relu(self.conv(x)), 2))
        return self.fc(torch.flatten(x, 1))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.01),
            nn.Conv2d(cout, cout, 3, 1, 1), nn.BatchNorm2d(cout))
        self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride), nn.BatchNorm2d(cout)) \
            if stride != 1 or cin != cout else nn.Identity()

    def forward(self, x):
        return F.leaky_relu(self.main(x) + self.shortcut(x), 0.01)


class Resnet(nn.Module):
    def __init__(self, blocks):
        super().__init__()
        layers = [nn.Conv2d(1, 64, 3, 1, 1), nn.BatchNorm2d(64), nn.LeakyReLU(0.01), nn.MaxPool2d(3, 2, 1)]
        cin = 64
        for stage, width in enumerate((64, 128, 256, 512)):
            for b in range(blocks[stage]):
                layers.append(BasicBlock(cin, width, 2 if stage > 0 and b == 0 else 1))
                cin = width
        self.body = nn.Sequential(*layers)
        self.drop, self.fc = nn.Dropout(0.3), nn.Linear(512, 10)

    def forward(self, x):
        x = self.body((x - MEAN) / STD)
        return self.fc(self.drop(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)))


RECIPES = {  # optimiser, learning rate, schedule, batch — as mnist-kit's Architecture defaults
    "cnn": (Cnn, "adam", 1e-3, "cosine", 64),
    "basic-cnn": (BasicCnn, "adadelta", 1.0, "step", 64),
    "resnet-small": (ResnetSmall, "adam", 1e-3, "cosine", 64),
    "resnet18": (lambda: Resnet((2, 2, 2, 2)), "adam", 1e-3, "cosine", 128),
}


def loaded_blas():
    """The BLAS shared objects mapped into this process (what LD_LIBRARY_PATH really gave us)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(paths)


def blas_config():
    return re.findall(r"(?:BLAS_INFO|LAPACK_INFO|USE_MKLDNN|USE_OPENMP)=[^,\s]+", torch.__config__.show())


def infer(weights_dir, data, threads, seconds):
    torch.set_num_threads(threads)
    shapes = json.load(open(os.path.join(weights_dir, "shapes.json")))
    model = Cnn(classes=shapes[-1][0])  # 11 with the "not a digit" class
    # the SDK's probabilities are softmax(logits / T) with the model's calibration temperature
    temperature = float(open(os.path.join(weights_dir, "temperature.txt")).read())
    flat = np.fromfile(os.path.join(weights_dir, "weights.bin"), dtype="<f4")
    tensors = [t for name, t in model.state_dict().items() if not name.endswith("num_batches_tracked")]
    assert len(tensors) == len(shapes), (len(tensors), len(shapes))
    offset = 0
    with torch.no_grad():
        for tensor, shape in zip(tensors, shapes):
            n = int(np.prod(shape))
            tensor.copy_(torch.from_numpy(flat[offset:offset + n].copy()).reshape(tensor.shape))
            offset += n
    model.eval()
    tx = torch.from_numpy(read_idx(os.path.join(data, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    expected = np.fromfile(os.path.join(weights_dir, "expected-probabilities.bin"), dtype="<f4").reshape(256, 10)
    figures = {}
    with torch.no_grad():
        got = F.softmax(model(tx[:256]) / temperature, 1).numpy()[:, :10]
        figures["max_abs_diff_vs_sdk"] = float(np.abs(got - expected).max())
        assert figures["max_abs_diff_vs_sdk"] < 1e-4, figures
        for b in (1, 64, 256):
            inputs = tx[:b]
            for _ in range(20):
                F.softmax(model(inputs) / temperature, 1)
            n, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds:
                F.softmax(model(inputs) / temperature, 1)
                n += 1
            figures[f"pytorch_eager_b{b}"] = n * b / (time.perf_counter() - start)
    print(json.dumps({"side": "pytorch-eager", "torch": torch.__version__, "threads": threads,
                      "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "(unset: default)"),
                      "blas_loaded": loaded_blas(), "blas_config": blas_config(), **figures}))


def main():
    if sys.argv[1] == "infer":
        infer(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
        return
    arch, epochs, data, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    max_train = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    make, opt_name, lr, schedule, batch = RECIPES[arch]
    x = torch.from_numpy(read_idx(os.path.join(data, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    y = torch.from_numpy(read_idx(os.path.join(data, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    tx = torch.from_numpy(read_idx(os.path.join(data, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    ty = torch.from_numpy(read_idx(os.path.join(data, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
    perm = torch.randperm(len(x))  # same 1/12 validation hold-out as mnist-kit
    train_idx = perm[len(x) // 12:]
    if max_train:
        train_idx = train_idx[:max_train]
    model = make()
    opt = torch.optim.Adam(model.parameters(), lr) if opt_name == "adam" else torch.optim.Adadelta(model.parameters(), lr)
    steps = len(train_idx) // batch
    seconds = []
    for epoch in range(epochs):
        model.train()
        start = time.perf_counter()
        order = train_idx[torch.randperm(len(train_idx))]
        for step in range(steps):
            progress = epoch + step / steps
            rate = lr * 0.7 ** math.floor(progress) if schedule == "step" else \
                lr * 0.01 + (lr - lr * 0.01) * 0.5 * (1 + math.cos(math.pi * progress / epochs))
            for group in opt.param_groups:
                group["lr"] = rate
            idx = order[step * batch:(step + 1) * batch]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
        seconds.append(time.perf_counter() - start)
    if os.environ.get("TRAIN_ONLY") == "1":  # timing runs: skip the test set and the throughput
        print(json.dumps({
            "side": "pytorch-eager", "torch": torch.__version__, "architecture": arch, "epochs": epochs,
            "threads": threads, "train_images": len(train_idx), "seconds_per_epoch": seconds,
            "blas_loaded": loaded_blas(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "(unset: default)")}))
        return
    model.eval()
    with torch.no_grad():
        correct = sum((model(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item() for i in range(0, len(tx), 1000))
        throughput = {}
        for b in (1, 256):
            inputs = tx[:b]
            for _ in range(20):
                model(inputs)
            n, start = 0, time.perf_counter()
            while time.perf_counter() - start < 3:
                model(inputs)
                n += 1
            throughput[b] = n * b / (time.perf_counter() - start)
    print(json.dumps({
        "side": "pytorch-eager", "torch": torch.__version__, "architecture": arch, "epochs": epochs,
        "threads": threads, "train_images": len(train_idx), "seconds_per_epoch": seconds,
        "blas_loaded": loaded_blas(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "(unset: default)"), "test_accuracy": correct / len(tx),
        "images_per_second_batch1": throughput[1], "images_per_second_batch256": throughput[256],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
