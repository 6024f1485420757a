package io.github.mnistkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads the image a path column points to, through Hadoop's file systems (local paths, {@code
 * file:}, {@code hdfs:}, {@code s3a:} … with the job's Hadoop configuration).
 */
final class PathReader implements Serializable {
  /** Larger files are refused before reading: no digit image needs more. */
  static final long MAX_FILE_BYTES = 256L << 20;

  private final Broadcast<SerializableConfiguration> hadoopConf;

  PathReader(Broadcast<SerializableConfiguration> hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  ImageInput read(String location) {
    if (location == null || location.isBlank()) {
      return ImageInput.unreadable("the path is empty; the row names no image file");
    }
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(hadoopConf.value().value());
      FileStatus status = fs.getFileStatus(path);
      if (!status.isFile()) {
        return ImageInput.unreadable(
            "'" + location + "' is not a file; the path must name an image");
      }
      if (status.getLen() > MAX_FILE_BYTES) {
        return ImageInput.unreadable(
            "'"
                + location
                + "' is "
                + status.getLen()
                + " bytes, over the "
                + MAX_FILE_BYTES
                + "-byte limit for one image; downscale or re-compress it");
      }
      try (InputStream in = fs.open(path)) {
        return ImageInput.of(in.readAllBytes());
      }
    } catch (IOException | IllegalArgumentException e) {
      return ImageInput.unreadable("'" + location + "' could not be read: " + e);
    }
  }
}
