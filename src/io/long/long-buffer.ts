import { Growable } from '../../util/growable.js';

/** Long-format ratings as read, in input order: user id, movie id and rating of each, and its time when known. */
export interface ScannedLong {
  readonly count: number;
  readonly users: Int32Array;
  readonly movies: Int32Array;
  readonly ratings: Float32Array;
  /** Seconds since 1970 of each rating (dates become their UTC midnight), or null when the input has no time. */
  readonly timestamps: Float64Array | null;
}

/** Where a reader writes its next ratings: valid until the next `reserve`, which may move them. */
export interface LongArrays {
  readonly users: Int32Array;
  readonly movies: Int32Array;
  readonly ratings: Float32Array;
  readonly times: Float64Array | null;
}

/**
 * The growing columns of long-format ratings that both long readers (the CSV scanner, the Parquet reader) fill:
 * 12 bytes a rating, 20 with times. A reader reserves room for what a chunk can hold, writes into the arrays it is
 * given, then says how many ratings are now filled.
 */
export class LongBuffer {
  private readonly users: Growable<Int32Array>;
  private readonly movies: Growable<Int32Array>;
  private readonly ratings: Growable<Float32Array>;
  private readonly times: Growable<Float64Array> | null;

  constructor(capacity: number, withTimes: boolean) {
    this.users = new Growable(Int32Array, capacity);
    this.movies = new Growable(Int32Array, capacity);
    this.ratings = new Growable(Float32Array, capacity);
    this.times = withTimes ? new Growable(Float64Array, capacity) : null;
  }

  /** Ratings filled so far. */
  get count(): number {
    return this.users.length;
  }

  /** Room for `extra` more ratings in every column: the arrays to write ratings count.. into. */
  reserve(extra: number): LongArrays {
    this.users.reserve(extra);
    this.movies.reserve(extra);
    this.ratings.reserve(extra);
    this.times?.reserve(extra);
    return {
      users: this.users.data,
      movies: this.movies.data,
      ratings: this.ratings.data,
      times: this.times === null ? null : this.times.data,
    };
  }

  /** The first `count` ratings of every column are written (into the arrays `reserve` gave). */
  setCount(count: number): void {
    this.users.length = this.movies.length = this.ratings.length = count;
    if (this.times !== null) this.times.length = count;
  }

  /** The filled ratings, without a copy. */
  finish(): ScannedLong {
    return {
      count: this.count,
      users: this.users.view(),
      movies: this.movies.view(),
      ratings: this.ratings.view(),
      timestamps: this.times === null ? null : this.times.view(),
    };
  }
}
