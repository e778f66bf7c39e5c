package dev.ringmaster.app.panes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The image a {@link PixelRaster} is shown through: backed by a buffer in the renderer's own pixel
 * format (premultiplied ARGB ints), so handing over a repaint is one bulk copy of the raster's ints
 * — a {@code PixelWriter.setPixels} into a plain {@code WritableImage} converts every pixel to the
 * image's byte format on the FX thread. Made anew only when the size changes. FX thread only.
 */
public final class RasterImage {
    private int width;
    private int height;
    private IntBuffer buffer;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;

    /**
     * Shows {@code raster}'s pixels ({@code width} × {@code height} of them).
     *
     * @return the image showing them: the same as before unless the size changed
     */
    public WritableImage show(PixelRaster raster) {
        return showRows(raster, 0, raster.height());
    }

    /**
     * Shows rows {@code y} to {@code y + h - 1} of {@code raster} anew (only those are copied and
     * redrawn; all of it when the size changed).
     *
     * @return the image showing them: the same as before unless the size changed
     */
    public WritableImage showRows(PixelRaster raster, int y, int h) {
        int w = raster.width();
        if (image == null || w != width || raster.height() != height) {
            width = w;
            height = raster.height();
            buffer = ByteBuffer.allocateDirect(w * height * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(w, height, buffer, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            y = 0;
            h = height;
        }
        buffer.put(y * w, raster.pixels(), y * w, h * w);
        Rectangle2D dirty = y == 0 && h == height ? null : new Rectangle2D(0, y, w, h);
        pixelBuffer.updateBuffer(b -> dirty); // null: all of it changed
        return image;
    }

    /** The image shown, or null before the first {@link #show}. */
    public WritableImage image() {
        return image;
    }
}
