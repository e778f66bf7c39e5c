package dev.ringmaster.app.panes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
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
        int w = raster.width();
        int h = raster.height();
        if (image == null || w != width || h != height) {
            width = w;
            height = h;
            buffer = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(w, h, buffer, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
        }
        buffer.put(0, raster.pixels(), 0, w * h);
        pixelBuffer.updateBuffer(b -> null); // all of it changed
        return image;
    }

    /** The image shown, or null before the first {@link #show}. */
    public WritableImage image() {
        return image;
    }
}
