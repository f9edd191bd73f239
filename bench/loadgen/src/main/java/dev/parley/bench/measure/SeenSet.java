package dev.parley.bench.measure;

import java.util.BitSet;

/** Which messages of the current step one socket has had: duplicates show up here. One socket's thread at a time. */
public final class SeenSet {

    private long base = Long.MIN_VALUE;
    private final BitSet bits = new BitSet();

    /** @return false when the socket had this message already */
    public boolean add(long stepBase, int index) {
        if (stepBase != base) {
            base = stepBase;
            bits.clear();
        }
        if (bits.get(index)) return false;
        bits.set(index);
        return true;
    }
}
