package dev.parley.chat;

/**
 * A file as a message carries it, to pages and programs: its name, size and sniffed type; for an
 * image, its size and its thumbnail's, so a page reserves the space before either loads. The
 * addresses are made here from the id, never taken from what arrived (another instance, a client).
 */
public record Attachment(
        String id,
        String name,
        long size,
        String type,
        Integer width,
        Integer height,
        Integer thumbnailWidth,
        Integer thumbnailHeight,
        String url,
        String thumbnailUrl) {

    public Attachment {
        url = "/files/" + id;
        thumbnailUrl = thumbnailWidth == null ? null : "/files/" + id + "/thumbnail";
    }

    /** Shown as a thumbnail that opens the full image; everything else is a card with a download. */
    public boolean image() {
        return thumbnailWidth != null;
    }

    /** The size as people read it: 512 B, 3.4 KB, 12 MB. */
    public String readableSize() {
        if (size < 1024) return size + " B";
        if (size < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", size / 1024.0);
        return String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
    }
}
