type TypedArray = Uint8Array | Uint16Array | Int32Array | Float32Array | Float64Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

/** An append-only typed array that grows by half again when full; `view()` is the filled part, no copy. */
export class Growable<T extends TypedArray> {
  data: T;
  length = 0;
  private readonly ctor: TypedArrayCtor<T>;

  constructor(ctor: TypedArrayCtor<T>, capacity: number) {
    this.ctor = ctor;
    this.data = new ctor(Math.max(16, Math.floor(capacity)));
  }

  /** Makes room for `extra` more elements. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.data.length) return;
    const next = new this.ctor(Math.max(need, Math.floor(this.data.length * 1.5) + 16));
    (next as unknown as { set(a: ArrayLike<number>): void }).set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** The filled part in an array of exactly that length (drops the spare capacity). */
  trimmed(): T {
    if (this.length === this.data.length) return this.data;
    return this.data.slice(0, this.length) as T;
  }
}
