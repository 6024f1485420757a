// Runs after the five invocations of invoker.properties; they all log to build.log.
def log = new File(basedir, 'build.log').text

def expect = { String text, String why ->
    if (!log.contains(text)) {
        throw new AssertionError("build.log lacks '" + text + "' (" + why + ")")
    }
}

expect('[INFO] Trained cnn: test accuracy', 'first mnist:train trains')
assert new File(basedir, 'target/mnist/model.onnx').isFile()
assert new File(basedir, 'target/mnist/report.json').isFile()
assert new File(basedir, 'target/mnist/train.fingerprint').isFile()
assert new File(basedir, 'target/mnist/manifest.sha256').text.contains('  checkpoint.params') : 'published together'
assert (log =~ /\[INFO\] Model \S+model\.onnx is up to date \(same data, parameters and versions as the last successful run\); skipping training/).find() : 'second mnist:train skips'
assert log.count('Trained cnn: test accuracy') == 1 : 'training ran only once'

expect('[INFO] Quality gate passed: ', 'mnist:evaluate with minAccuracy 0.80')
expect('is below the required 99.90%. Weakest digits: ', 'mnist:evaluate with minAccuracy 0.999 fails')
expect('[ERROR] Failed to execute goal io.github.mnistkit:mnist-maven-plugin:', 'the gate failure fails the build')
assert new File(basedir, 'target/mnist/evaluation.json').text.contains('"min_accuracy": 0.999')

expect('DigitsApp: all 5 digits recognised correctly', 'the application recognises the PNGs')

// fine-tuning on the printed digits: held-out accuracy must rise substantially; with replay the
// model keeps (at least) its MNIST accuracy
def slurper = new groovy.json.JsonSlurper()
def tuned = slurper.parse(new File(basedir, 'target/mnist-finetuned/report.json'))
def plain = slurper.parse(new File(basedir, 'target/mnist-finetuned-noreplay/report.json'))
def pct = { x -> String.format(Locale.ROOT, '%.2f%%', 100 * x) }
println "fine-tune, replay 0.5: printed ${pct(tuned.before.user_accuracy)} -> ${pct(tuned.after.user_accuracy)}, " +
        "MNIST fixture test ${pct(tuned.before.mnist_test_accuracy)} -> ${pct(tuned.after.mnist_test_accuracy)}"
println "fine-tune, replay off: printed ${pct(plain.before.user_accuracy)} -> ${pct(plain.after.user_accuracy)}, " +
        "MNIST fixture test ${pct(plain.before.mnist_test_accuracy)} -> ${pct(plain.after.mnist_test_accuracy)}"
assert tuned.after.user_accuracy >= tuned.before.user_accuracy + 0.15 : 'fine-tuning should lift the printed digits substantially'
assert tuned.after.mnist_test_accuracy >= tuned.before.mnist_test_accuracy - 0.003 : 'with replay, MNIST stays within 0.3 points'
assert new File(basedir, 'target/mnist-finetuned/model.onnx').isFile()
def counts = tuned.user_images
assert counts.train + counts.validation + counts.test == counts.usable : 'the counts add up to the folder'
assert tuned.comparison.better && tuned.before.user_accuracy_ci95.size() == 2 : 'the paired test and intervals are reported'

// DJL's GPU probe stays quiet where there is no NVIDIA driver (a CUDA toolkit alone made it warn twice)
if (!new File('/proc/driver/nvidia/version').exists() && !new File('/dev/nvidiactl').exists()) {
    assert !log.contains('Failed to detect GPU count') : 'DJL GPU-probe warning on a machine without an NVIDIA driver'
}
assert new File(basedir, 'target/mnist/checkpoint.params').isFile() : 'the base checkpoint is kept'
return true
