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
assert (log =~ /\[INFO\] Model \S+model\.onnx is up to date \(same data, parameters and versions as the last successful run\); skipping training/).find() : 'second mnist:train skips'
assert log.count('Trained cnn: test accuracy') == 1 : 'training ran only once'

expect('[INFO] Quality gate passed: ', 'mnist:evaluate with minAccuracy 0.80')
expect('is below the required 99.90%. Weakest digits: ', 'mnist:evaluate with minAccuracy 0.999 fails')
expect('[ERROR] Failed to execute goal io.github.mnistkit:mnist-maven-plugin:', 'the gate failure fails the build')
assert new File(basedir, 'target/mnist/evaluation.json').text.contains('"min_accuracy": 0.999')

expect('DigitsApp: all 5 digits recognised correctly', 'the application recognises the PNGs')
return true
