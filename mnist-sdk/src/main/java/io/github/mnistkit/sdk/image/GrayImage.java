package io.github.mnistkit.sdk.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An image as grey levels 0–255 (sRGB-encoded luma) at working resolution: large images are
 * box-averaged by a whole factor so that the long side is at most {@code maxSide}, and transparency
 * is flattened onto a background chosen from the visible content.
 *
 * <p>Why the background is chosen: a drawing canvas exports black strokes on fully transparent
 * pixels that usually hold RGB 0,0,0, so dropping alpha turns the page black. Transparent pixels
 * are background; the strokes are whatever is opaque. Dark strokes are composited onto white, light
 * strokes onto black, so the strokes stay visible either way.
 *
 * @param width working width
 * @param height working height
 * @param gray row-major grey levels, 0 = black, 255 = white
 * @param scale source pixels per working pixel along each axis (1 when not downsampled)
 */
record GrayImage(int width, int height, float[] gray, int scale) {

  /** Rec. 601 luma weights, as used for the MNIST-style grey conversion of colour scans. */
  private static final float RED = 0.299f;

  private static final float GREEN = 0.587f;
  private static final float BLUE = 0.114f;

  /** Source pixels read at a time (whole k×k blocks; at least one block). */
  private static final int TILE_PIXELS = 1 << 16;

  static GrayImage of(BufferedImage image, int maxSide) {
    int sw = image.getWidth();
    int sh = image.getHeight();
    int k = Math.max(1, ceilDiv(Math.max(sw, sh), maxSide));
    int w = ceilDiv(sw, k);
    int h = ceilDiv(sh, k);
    float[] alpha = new float[w * h]; // mean alpha, 0..1
    float[] lumaAlpha = new float[w * h]; // mean of alpha * luma, i.e. premultiplied luma
    if (k == 1 && w * h <= TILE_PIXELS) {
      readWhole(image, alpha, lumaAlpha);
    } else {
      accumulate(image, k, w, alpha, lumaAlpha);
    }

    float background = 0f;
    double alphaSum = 0;
    double lumaAlphaSum = 0;
    boolean transparent = false;
    for (int i = 0; i < alpha.length; i++) {
      alphaSum += alpha[i];
      lumaAlphaSum += lumaAlpha[i];
      transparent |= alpha[i] < 0.999f;
    }
    if (transparent && alphaSum > 0) {
      double strokeLuma = lumaAlphaSum / alphaSum;
      background = strokeLuma < 128 ? 255f : 0f;
    }
    float[] gray = lumaAlpha; // reused: premultiplied luma + (1 - alpha) * background
    for (int i = 0; i < gray.length; i++) {
      gray[i] = lumaAlpha[i] + (1f - alpha[i]) * background;
    }
    return new GrayImage(w, h, gray, k);
  }

  /** What {@link #accumulate} gives for k = 1, read in one call instead of one per row. */
  private static void readWhole(BufferedImage image, float[] alpha, float[] lumaAlpha) {
    int[] argb = new int[alpha.length];
    ArgbPixels.readRect(image, 0, 0, image.getWidth(), image.getHeight(), argb);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      float a = (p >>> 24) / 255f;
      alpha[i] = a;
      lumaAlpha[i] = a * luma(p);
    }
  }

  private static float luma(int argb) {
    return RED * (argb >> 16 & 0xFF) + GREEN * (argb >> 8 & 0xFF) + BLUE * (argb & 0xFF);
  }

  /**
   * Box-averages k×k source blocks (smaller at the right and bottom edges), reading the source in
   * tiles of whole blocks: every buffer is bounded by the working size and one tile, never by the
   * source width (a 1,000,000×1 image must not cost a k-rows-high full-width buffer).
   */
  private static void accumulate(
      BufferedImage image, int k, int w, float[] alpha, float[] lumaAlpha) {
    int sw = image.getWidth();
    int sh = image.getHeight();
    int maxRows = Math.min(k, sh);
    long blocksPerTile = Math.max(1, TILE_PIXELS / ((long) k * maxRows));
    int tileWidth = (int) Math.min(sw, blocksPerTile * k);
    int[] tile = new int[tileWidth * maxRows];
    float[] blockAlpha = new float[w];
    float[] blockLuma = new float[w];
    for (int by = 0, y0 = 0; y0 < sh; by++, y0 += k) {
      int n = Math.min(k, sh - y0);
      Arrays.fill(blockAlpha, 0f);
      Arrays.fill(blockLuma, 0f);
      for (int x0 = 0; x0 < sw; x0 += tileWidth) {
        int tw = Math.min(tileWidth, sw - x0);
        ArgbPixels.readRect(image, x0, y0, tw, n, tile);
        for (int r = 0; r < n; r++) {
          for (int x = 0; x < tw; x++) {
            int p = tile[r * tw + x];
            float a = (p >>> 24) / 255f;
            float luma = luma(p);
            int bx = k == 1 ? x0 + x : (x0 + x) / k; // no division per pixel at full size
            blockAlpha[bx] += a;
            blockLuma[bx] += a * luma;
          }
        }
      }
      for (int bx = 0; bx < w; bx++) {
        int count = n * Math.min(k, sw - bx * k);
        alpha[by * w + bx] = blockAlpha[bx] / count;
        lumaAlpha[by * w + bx] = blockLuma[bx] / count;
      }
    }
  }

  private static int ceilDiv(int a, int b) {
    return (int) ((a + (long) b - 1) / b);
  }
}
