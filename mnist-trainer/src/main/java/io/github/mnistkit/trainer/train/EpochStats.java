package io.github.mnistkit.trainer.train;

/**
 * What one epoch achieved. Accuracies are fractions in [0,1]; NaN where there was no validation
 * set.
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double seconds,
    double learningRate) {}
