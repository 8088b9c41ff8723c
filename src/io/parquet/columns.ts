import type { SchemaElement } from 'hyparquet';
import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { longColumnNames, timestampColumnNames, type LongColumnNames, type LongRole } from '../long/long-columns.js';

/** The Parquet column that plays each role, by name; the timestamp is optional (null: the file has none). */
export type ParquetLongColumns = Readonly<Record<LongRole, string>> & { readonly timestamp: string | null };

const norm = (s: string) => s.toLowerCase().replace(/[_\s]/g, '');
const roles = Object.keys(longColumnNames) as LongRole[];

/**
 * Finds the user, movie and rating columns among a Parquet file's top-level columns as a long CSV's header is
 * searched (the same names, compared without case, `_` or spaces), `--columns` naming them outright (or giving
 * their 1-based positions), and checks
 * their types: ids whole numbers or strings, ratings numbers.
 */
export function resolveParquetColumns(
  file: string,
  schema: readonly SchemaElement[],
  chosen: LongColumnNames = {},
): ParquetLongColumns {
  const names = schema.map((e) => e.name);
  const at = {} as Record<LongRole, string>;
  for (const role of roles) {
    const tried = chosen[role] !== undefined ? [chosen[role]!] : [...longColumnNames[role]];
    const wanted = new Set(tried.map(norm));
    let index = names.findIndex((n) => wanted.has(norm(n)));
    // --columns 2,1,3: 1-based positions, as for a long CSV (a column really named "2" wins)
    const given = chosen[role];
    if (index < 0 && given !== undefined && /^\d+$/.test(given) && Number(given) >= 1 && Number(given) <= names.length)
      index = Number(given) - 1;
    if (index < 0) throw dataError(messages.parquetMissingColumn(file, role, tried, names));
    const other = roles.find((r) => at[r] === names[index]);
    if (other !== undefined) throw dataError(messages.parquetColumnTwoRoles(file, names[index], other, role));
    checkType(file, schema[index], role);
    at[role] = names[index];
  }
  // a timestamp column by its usual names, kept with each rating as the long CSV keeps it
  const timeNames = new Set(timestampColumnNames.map(norm));
  const t = names.findIndex((n, i) => timeNames.has(norm(n)) && !roles.some((r) => at[r] === names[i]));
  if (t >= 0) checkTimeType(file, schema[t]);
  return { ...at, timestamp: t >= 0 ? names[t] : null };
}

function checkTimeType(file: string, e: SchemaElement): void {
  const flat = e.num_children === undefined || e.num_children === 0;
  const ok = flat && (e.type === 'INT32' || e.type === 'INT64' || e.type === 'DOUBLE' || e.type === 'FLOAT');
  if (!ok) throw dataError(messages.parquetColumnType(file, e.name, 'timestamp', describe(e)));
}

function checkType(file: string, e: SchemaElement, role: LongRole): void {
  const type = describe(e);
  const numeric = e.type === 'INT32' || e.type === 'INT64';
  const ok =
    e.num_children === undefined || e.num_children === 0
      ? role === 'rating'
        ? numeric || e.type === 'FLOAT' || e.type === 'DOUBLE' || e.converted_type === 'DECIMAL'
        : (numeric && e.converted_type !== 'DECIMAL' && e.logical_type?.type !== 'DECIMAL') || isString(e)
      : false;
  if (!ok) throw dataError(messages.parquetColumnType(file, e.name, role, type));
}

function isString(e: SchemaElement): boolean {
  return e.type === 'BYTE_ARRAY' && (e.converted_type === 'UTF8' || e.logical_type?.type === 'STRING');
}

function describe(e: SchemaElement): string {
  if (e.num_children) return 'group';
  const logical = e.logical_type?.type ?? e.converted_type;
  return logical === undefined ? String(e.type) : `${e.type} (${logical})`;
}
