/**
 * The few distribution functions the generator needs: the normal CDF and quantile, a table of normal quantiles
 * for cheap noise, and the log-normal location that gives a wanted mean activity once counts are capped.
 */

/** Standard normal CDF, from the complementary error function (fractional error < 1.2e-7). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile for p in (0, 1) (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const pLow = 0.02425;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    return p < pLow ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/** Bits of a uint32 used to index the noise table. */
export const NOISE_BITS = 12;

/**
 * 2^NOISE_BITS standard normal quantiles at the bin midpoints: `NOISE_TABLE[u >>> (32 - NOISE_BITS)]` is a normal
 * variate (discretised, tails cut at about +-3.5) for the price of one random uint32.
 */
export const NOISE_TABLE: Float64Array = (() => {
  const n = 1 << NOISE_BITS;
  const t = new Float64Array(n);
  for (let k = 0; k < n; k++) t[k] = normalQuantile((k + 0.5) / n);
  return t;
})();

/** Standard deviation of NOISE_TABLE's values (a little under 1). */
export const NOISE_TABLE_SD: number = (() => {
  let s = 0;
  for (const v of NOISE_TABLE) s += v * v;
  return Math.sqrt(s / NOISE_TABLE.length);
})();

/** E[min(cap, X)] for X log-normal with location mu and scale sigma. */
export function cappedLogNormalMean(mu: number, sigma: number, cap: number): number {
  const lc = Math.log(cap);
  return (
    Math.exp(mu + (sigma * sigma) / 2) * normalCdf((lc - mu - sigma * sigma) / sigma) +
    cap * (1 - normalCdf((lc - mu) / sigma))
  );
}

/**
 * The location mu such that E[min(cap, X)] = target, X ~ LogNormal(mu, sigma); target must be < cap. Bisection,
 * so the answer is a deterministic function of its inputs.
 */
export function logNormalLocationForCappedMean(target: number, sigma: number, cap: number): number {
  let lo = Math.log(target) - 10 * sigma - 10;
  let hi = Math.log(cap) + 10 * sigma + 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cappedLogNormalMean(mid, sigma, cap) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
