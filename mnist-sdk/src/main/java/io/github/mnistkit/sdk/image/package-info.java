/**
 * From image files to MNIST input: {@link io.github.mnistkit.sdk.image.ImageDecoder} decodes files
 * into upright sRGB images, {@link io.github.mnistkit.sdk.image.DigitPreprocessor} finds the ink
 * and normalises it the way MNIST was prepared, producing {@link
 * io.github.mnistkit.sdk.image.DigitImage}s.
 */
package io.github.mnistkit.sdk.image;
