/**
 * Scratch typed arrays for one article of the actors stage, cut as views from a few large per-process buffers. A typed array of
 * more than a few dozen bytes gets its own off-heap buffer in V8 (a malloc and GC bookkeeping each);
 * the actors stage needs about ten per paragraph, so it takes views of a slab instead. `reset` starts a
 * new article: views handed out before it are overwritten, so nothing cut from a slab may outlive the
 * call that reset it. Views come zero-filled.
 * @example const slab = new Slab(); slab.reset(); const covered = slab.uint8(12);
 */
export class Slab {
  private i32 = new Int32Array(SLAB_START);
  private u8 = new Uint8Array(SLAB_START);
  private used32 = 0;
  private used8 = 0;

  reset(): void {
    this.used32 = 0;
    this.used8 = 0;
  }

  int32(n: number): Int32Array {
    if (this.used32 + n > this.i32.length) {
      // Views already handed out keep the old buffer alive; new ones come from a bigger one.
      this.i32 = new Int32Array(Math.max(this.i32.length * 2, n));
      this.used32 = 0;
    }
    // A view made on the buffer directly: subarray looks up the species constructor, at twice the cost.
    const v = new Int32Array(this.i32.buffer, this.used32 * 4, n);
    this.used32 += n;
    v.fill(0);
    return v;
  }

  uint8(n: number): Uint8Array {
    if (this.used8 + n > this.u8.length) {
      this.u8 = new Uint8Array(Math.max(this.u8.length * 2, n));
      this.used8 = 0;
    }
    const v = new Uint8Array(this.u8.buffer, this.used8, n);
    this.used8 += n;
    v.fill(0);
    return v;
  }
}
/** First size of a slab's buffers, in elements: a long article fits without growing. */
const SLAB_START = 1 << 16;
