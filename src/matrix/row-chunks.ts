/**
 * Rows grouped into chunks whose size depends on the number of rows only (never on the thread count). A sum over
 * rows (A^T Y in the SVD, the baseline's movie sums) is made per chunk from zero, and the chunk sums are added in
 * chunk order: bit-identical whichever thread computed which chunk. At most MAX_CHUNKS chunk sums exist at once,
 * which bounds the scratch memory.
 */
export const CHUNK_BLOCK_ROWS = 2048;
export const MAX_CHUNKS = 32;

/** Rows per chunk: whole blocks of 2,048 rows, as few chunks as MAX_CHUNKS allows. */
export function chunkRows(nRows: number): number {
  const blocks = Math.max(1, Math.ceil(nRows / CHUNK_BLOCK_ROWS));
  return Math.ceil(blocks / MAX_CHUNKS) * CHUNK_BLOCK_ROWS;
}

export function chunkCount(nRows: number): number {
  return Math.max(1, Math.ceil(nRows / chunkRows(nRows)));
}

/** total = sum of the first nChunks chunk sums, in chunk order (each `width` long). */
export function addChunksInOrder(chunks: Float64Array, nChunks: number, width: number, total: Float64Array): void {
  total.fill(0, 0, width);
  for (let b = 0; b < nChunks; b++) {
    const base = b * width;
    for (let c = 0; c < width; c++) total[c] += chunks[base + c];
  }
}
