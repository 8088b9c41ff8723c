"""scikit-learn's KMeans on the benchmark's .csr file, for bench/sections/versus.ts (benchmark only, never a test).

    python3 bench/sklearn_kmeans.py FILE.csr ALGORITHM K[,K...] THREADS

Reads the CSR file (src/io/csr-file.ts) into a float64 scipy CSR matrix, then fits KMeans(n_clusters=k, n_init=1,
random_state=0, algorithm=ALGORITHM) for each k with THREADS OpenMP threads, and prints one JSON line per k:
{"algorithm", "k", "seconds" (the fit alone), "cpu_seconds" (every thread), "n_iter", "inertia"}.
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn import __version__ as sklearn_version
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits


def read_csr(path):
    raw = np.fromfile(path, dtype=np.uint8)
    if bytes(raw[:8]) != b"\x89CSR\r\n\x1a\n":
        raise SystemExit(f"{path}: not a CSR file")
    flags = int(raw[12:16].view("<u4")[0])
    n_rows, n_cols, nnz = (int(x) for x in raw[16:40].view("<u8"))
    align8 = lambda n: (n + 7) // 8 * 8
    movie_ids = align8(64 + 4 * n_rows)
    row_ptr = align8(movie_ids + 4 * n_cols)
    col_idx = row_ptr + 8 * (n_rows + 1)
    col_int32 = flags & 2
    col_end = col_idx + (4 if col_int32 else 2) * nnz
    values = align8(col_end)
    indptr = raw[row_ptr:col_idx].view("<f8").astype(np.int64)
    indices = raw[col_idx:col_end].view("<i4" if col_int32 else "<u2").astype(np.int32)
    data = raw[values:values + 4 * nnz].view("<f4").astype(np.float64) if flags & 1 else np.ones(nnz)
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_cols))


def main():
    path, algorithm, ks, threads = sys.argv[1], sys.argv[2], [int(k) for k in sys.argv[3].split(",")], int(sys.argv[4])
    x = read_csr(path)
    with threadpool_limits(limits=threads):
        for k in ks:
            km = KMeans(n_clusters=k, n_init=1, random_state=0, algorithm=algorithm)
            t0 = time.perf_counter()
            c0 = time.process_time()
            km.fit(x)
            seconds = time.perf_counter() - t0
            cpu_seconds = time.process_time() - c0
            print(json.dumps({"algorithm": algorithm, "k": k, "seconds": seconds, "cpu_seconds": cpu_seconds, "n_iter": int(km.n_iter_),
                              "inertia": float(km.inertia_), "sklearn": sklearn_version}), flush=True)


main()
