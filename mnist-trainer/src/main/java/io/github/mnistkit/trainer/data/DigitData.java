package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;

/** A training set and a test set of 28×28 labelled images, with the data set's name. */
public record DigitData(String name, IdxDataset train, IdxDataset test) {}
