package io.github.mnistkit.spark;

/**
 * One row's image as read from the input column: its encoded bytes, or why there are none (a null
 * value, a file that could not be read).
 */
record ImageInput(byte[] bytes, String problem) {
  static ImageInput of(byte[] bytes) {
    return new ImageInput(bytes, null);
  }

  static ImageInput unreadable(String problem) {
    return new ImageInput(null, problem);
  }
}
