import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Help, type Option } from 'commander';
import { messages } from '../../src/messages.js';
import {
  inputOption,
  jsonOption,
  minSupportOption,
  quietOption,
  ratingRangeFlag,
  reportOption,
  seedOption,
  silhouetteSampleOption,
  threadsOption,
  titlesOption,
} from '../../src/cli/shared-options.js';
import { binPath, fixture, pivotCsv, plantedMatrix, repoRoot, runCli, tempDir } from '../helpers.js';

/**
 * The conventions a scripting user relies on, through the built binary: every command's --help spells the shared
 * options the same way; every output (file, stdout, heatmap folder, report, model) that cannot be written is exit
 * 74 with one line in words; unwritable outputs fail before any input is read; tables are data, on stdout.
 */

// ---------------------------------------------------------------- --help

interface HelpOption {
  readonly flags: string;
  /** The description with commander's `(default: ...)` / `(choices: ...)`, wrapped lines joined. */
  readonly text: string;
}

function commandNames(): string[] {
  const r = runCli(['--help']);
  assert.equal(r.code, 0, r.stderr);
  const section = r.stdout.split('\nCommands:\n')[1];
  return section
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/\s/)[0])
    .filter((name) => name !== 'help');
}

function helpOptions(command: string): Map<string, HelpOption> {
  const r = runCli([command, '--help']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\nOptions:\n')[1].split('\n');
  const options = new Map<string, HelpOption>();
  let current: { flags: string; parts: string[] } | null = null;
  const flush = () => {
    if (current === null) return;
    const long = /--[a-z-]+/.exec(current.flags)![0];
    options.set(long, { flags: current.flags, text: current.parts.join(' ').replace(/\s+/g, ' ').trim() });
  };
  for (const line of lines) {
    if (/^ {2}-/.test(line)) {
      flush();
      const m = /^ {2}(\S.*?)(?: {2,}(.*))?$/.exec(line)!;
      current = { flags: m[1].trim(), parts: [m[2] ?? ''] };
    } else if (current && /^\s+\S/.test(line)) {
      current.parts.push(line.trim());
    }
  }
  flush();
  return options;
}

/** How commander prints a shared option: the text every command must show for it. */
const expected = (o: Option): HelpOption => ({
  flags: o.flags,
  text: new Help().optionDescription(o).replace(/\s+/g, ' ').trim(),
});

/** Which commands take which shared option; a command added later shows up in `commandNames` and must be listed. */
const shared: ReadonlyArray<{ option: Option; commands: readonly string[] }> = [
  { option: inputOption(), commands: ['fit', 'elbow', 'predict', 'recommend', 'evaluate', 'heatmap'] },
  {
    option: quietOption(),
    commands: ['fit', 'elbow', 'generate', 'predict', 'recommend', 'evaluate', 'heatmap', 'pivot', 'convert'],
  },
  { option: jsonOption(), commands: ['fit', 'elbow', 'predict', 'recommend', 'evaluate', 'pivot'] },
  { option: threadsOption(), commands: ['fit', 'elbow', 'predict', 'recommend', 'evaluate', 'heatmap', 'convert'] },
  { option: seedOption(), commands: ['fit', 'elbow', 'evaluate', 'generate'] },
  { option: titlesOption(), commands: ['fit', 'recommend', 'heatmap'] },
  { option: minSupportOption(), commands: ['fit', 'recommend'] },
  { option: reportOption(), commands: ['fit', 'elbow'] },
  { option: silhouetteSampleOption(), commands: ['fit', 'elbow'] },
  { option: ratingRangeFlag(), commands: ['fit', 'elbow', 'predict', 'recommend', 'evaluate', 'heatmap', 'convert'] },
];
/** Commands whose output is a positional argument (`convert in out`) rather than --out. */
const outAsArgument = ['convert'];

test('--help: every command shows the shared options with the same flags, words and default', () => {
  const commands = commandNames();
  assert.ok(commands.length >= 9, commands.join(' '));
  const helps = new Map(commands.map((c) => [c, helpOptions(c)]));
  for (const { option, commands: takers } of shared) {
    const want = expected(option);
    const long = option.long!;
    for (const c of takers) {
      assert.ok(commands.includes(c), `${c} is listed for ${long} but is not a command`);
      assert.deepEqual(helps.get(c)!.get(long), want, `${c} ${long}`);
    }
    // a command not listed must not grow its own variant of a shared option
    for (const c of commands) {
      const got = helps.get(c)!.get(long);
      if (got !== undefined) assert.deepEqual(got, want, `${c} ${long} (not listed for it, yet worded differently)`);
    }
  }
  for (const c of commands) {
    const opts = helps.get(c)!;
    // the same short names everywhere: -o for --out, -i for --input, -q for --quiet
    if (!outAsArgument.includes(c))
      assert.match(opts.get('--out')?.flags ?? '', /^-o, --out <(file|dir)>$/, `${c} --out`);
    assert.ok(
      opts.get('--out') === undefined || opts.get('--out')!.text.startsWith('write '),
      `${c} --out: ${opts.get('--out')?.text}`,
    );
    // defaults as a user types them: `(default: 5)`, never `(default: [5])` or an object
    for (const [long, o] of opts) assert.doesNotMatch(o.text, /default: (\[|\{)/, `${c} ${long}: ${o.text}`);
  }
});

// ---------------------------------------------------------------- write failures

const dir = tempDir();
const tiny = fixture('tiny.csv');
/** 60 customers x 12 movies: enough ratings per customer for evaluate's holdout. */
const planted = join(dir, 'planted.csv');
writeFileSync(planted, pivotCsv(plantedMatrix(60, 12, 0.5, 2, 3)));
const full = '/dev/full';
const isDevice = (path: string) => statSync(path).isCharacterDevice();
/** A folder no process may create files in: /sys refuses even root (EACCES on open, EPERM on mkdir). */
const unwritable = '/sys/nc-conventions';
const oneLine = (stderr: string, message: string) => assert.equal(stderr, `netflix-cluster: ${message}\n`);

/** Runs the binary with its stdout on `path` (a file or a device), as `cmd > path` does. */
function runToFile(args: string[], path: string): { code: number | null; stderr: string } {
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync(process.execPath, [binPath, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

const noSpace = (file: string) => messages.cannotWrite(file, 'no space left on device');

test('a file output on a full disk: exit 74, one line naming the file in words; /dev/full stays a device', () => {
  const model = join(dir, 'full-model.json');
  assert.equal(
    runCli(['fit', '--input', tiny, '--k', '2', '--save-model', model, '--out', join(dir, 'fm.csv'), '-q']).code,
    0,
  );
  for (const args of [
    ['fit', '--input', tiny, '--k', '2', '--out', full],
    ['fit', '--input', tiny, '--k', '2', '--out', join(dir, 'a.csv'), '--save-model', full],
    ['fit', '--input', tiny, '--k', '2', '--out', join(dir, 'a.csv'), '--report', full],
    ['elbow', '--input', tiny, '--k', '1..2', '--out', full],
    ['elbow', '--input', tiny, '--k', '1..2', '--report', full, '-q'],
    ['evaluate', '--input', planted, '--k', '2', '--out', full],
    ['generate', '--rows', '20', '--out', full],
    ['convert', tiny, full],
    ['pivot', fixture('netflix/combined_data_1.txt'), '--out', full],
    ['predict', '--model', model, '--input', tiny, '--out', full],
  ]) {
    const r = runCli(args);
    assert.equal(r.code, 74, `${args.join(' ')}: ${r.stderr}`);
    oneLine(r.stderr, noSpace(full));
    assert.ok(isDevice(full), 'a rename over /dev/full would have replaced the device');
  }
});

test('stdout on a full disk (`cmd > /dev/full`): exit 74, `stdout: cannot write: no space left on device`', () => {
  for (const args of [
    ['fit', '--input', tiny, '--k', '2', '-q'],
    ['fit', '--input', tiny, '--k', '2', '--json', '--out', join(dir, 'b.csv')],
    ['elbow', '--input', tiny, '--k', '1..2', '-q'],
    ['evaluate', '--input', planted, '--k', '2', '-q'],
    ['generate', '--rows', '20'],
  ]) {
    const r = runToFile(args, full);
    assert.equal(r.code, 74, `${args.join(' ')}: ${r.stderr}`);
    // the summary may come first (it is on stderr); the failure is the last line
    assert.equal(
      r.stderr.trimEnd().split('\n').pop(),
      `netflix-cluster: ${noSpace(messages.stdoutLabel())}`,
      args.join(' '),
    );
  }
});

test('a heatmap folder that cannot be made or written: exit 74 before the data is read', () => {
  const r = runCli(['fit', '--input', '/no/such/input.csv', '--heatmaps', unwritable, '--out', join(dir, 'h.csv')]);
  assert.equal(r.code, 74, r.stderr);
  oneLine(r.stderr, messages.outDirNotWritable(unwritable, 'permission denied'));
});

test('every output option is checked before any input is read: an unwritable output beats a missing input', () => {
  // the input does not exist: had it been opened first, the exit would be 66 (no input), not 74
  const missing = '/no/such/input.csv';
  const target = '/sys/nc-conventions.csv';
  const cases: Array<{ args: string[]; file: string; message?: string }> = [
    { args: ['fit', '--input', missing, '--out', target], file: target },
    { args: ['fit', '--input', missing, '--json', '--out', join(dir, 'c.csv'), '--save-model', target], file: target },
    { args: ['fit', '--input', missing, '--out', join(dir, 'c.csv'), '--report', target], file: target },
    {
      args: ['fit', '--input', missing, '--out', join(dir, 'c.csv'), '--heatmaps', unwritable, '--spec'],
      file: unwritable,
      message: messages.outDirNotWritable(unwritable, 'permission denied'),
    },
    { args: ['elbow', '--input', missing, '--out', target], file: target },
    { args: ['elbow', '--input', missing, '--plot', target], file: target },
    { args: ['elbow', '--input', missing, '--report', target], file: target },
    { args: ['evaluate', '--input', missing, '--out', target], file: target },
    { args: ['predict', '--model', '/no/model.json', '--input', missing, '--out', target], file: target },
    {
      args: ['recommend', '--model', '/no/model.json', '--input', missing, '--customer', '1', '--out', target],
      file: target,
    },
    {
      args: ['heatmap', '--input', missing, '--assignments', '/no/a.csv', '--out', unwritable],
      file: unwritable,
      message: messages.outDirNotWritable(unwritable, 'permission denied'),
    },
    { args: ['pivot', missing, '--out', target], file: target },
    { args: ['convert', missing, target], file: target },
    { args: ['generate', '--out', target], file: target },
  ];
  for (const c of cases) {
    const r = runCli(c.args);
    assert.equal(r.code, 74, `${c.args.join(' ')}: ${r.stderr}`);
    oneLine(r.stderr, c.message ?? messages.cannotWrite(c.file, 'permission denied'));
  }
  // a folder named as the output file, and a file as the output's folder
  const r = runCli(['fit', '--input', missing, '--out', dir]);
  assert.equal(r.code, 74);
  oneLine(r.stderr, messages.outputIsDirectory(dir));
  const file = join(dir, 'plain-file');
  writeFileSync(file, '');
  const under = runCli(['elbow', '--input', missing, '--plot', join(file, 'e.png')]);
  assert.equal(under.code, 74);
  oneLine(under.stderr, messages.outputDirNotDirectory(join(file, 'e.png'), file));
});

test('`fit | head`: the reader closing the pipe is exit 0, and the summary still reaches stderr', async () => {
  // 60,000 customers: the assignments (~600 KB) outgrow the pipe's buffer, so the writer meets the closed pipe
  const big = join(dir, 'big.csv');
  const g = runCli(['generate', '--customers', '60000', '--movies', '20', '--density', '0.3', '--out', big, '-q']);
  assert.equal(g.code, 0, g.stderr);
  const child = spawn(process.execPath, [binPath, 'fit', '--input', big, '--k', '2', '--no-profiles'], {
    cwd: repoRoot,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  // the first chunk read, the pipe is closed, as `head -1` does
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(code, 0, stderr);
  assert.match(stderr, /^clusters {4}0: /m);
  assert.doesNotMatch(stderr, /cannot write|EPIPE/);
});

test('`fit 2>&1 | head`: a closed stderr is not a failure either; the assignments are still written', async () => {
  const out = join(dir, 'closed-stderr.csv');
  const child = spawn(process.execPath, [binPath, 'fit', '--input', tiny, '--k', '2', '--out', out], { cwd: repoRoot });
  child.stderr.once('data', () => child.stderr.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(code, 0);
  assert.equal(readFileSync(out, 'utf8').split('\n')[0], 'Cust_Id,cluster');
});

test('`generate | head`: the writer stops when the reader has gone, exit 0, nothing on stderr', async () => {
  // the default shape is ~1 GB of CSV: had generate gone on for a reader that left, this would take a minute
  const child = spawn(process.execPath, [binPath, 'generate', '--quiet'], { cwd: repoRoot });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let header = '';
  child.stdout.setEncoding('utf8').once('data', (s: string) => {
    header = s.split('\n')[0];
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.match(header, /^Cust_Id,\d+,/);
});

// ---------------------------------------------------------------- stdout tables, --json, --out

test('elbow, evaluate and recommend print their table on stdout (or --out, the same bytes), notes on stderr', () => {
  const model = join(dir, 'model.json');
  assert.equal(
    runCli(['fit', '--input', tiny, '--k', '2', '--save-model', model, '--out', join(dir, 'm.csv'), '-q']).code,
    0,
  );
  const runs: Array<{ args: string[]; header: RegExp }> = [
    { args: ['elbow', '--input', tiny, '--k', '1..3'], header: /^\s*k\s+inertia\s+silhouette/ },
    { args: ['evaluate', '--input', planted, '--k', '2'], header: /^evaluate {4}/ },
    {
      args: ['recommend', '--model', model, '--input', tiny, '--customer', '79', '--min-support', '1'],
      header: /^rank +movie +predicted/,
    },
  ];
  for (const { args, header } of runs) {
    const r = runCli(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout.split('\n')[0], header, args[0]);
    assert.doesNotMatch(r.stderr, header, `${args[0]}: the table is not on stderr`);
    const out = join(dir, `${args[0]}.txt`);
    const toFile = runCli([...args, '--out', out, '-q']);
    assert.equal(toFile.code, 0, toFile.stderr);
    assert.equal(toFile.stdout, '');
    assert.equal(toFile.stderr, '');
    // timings differ from run to run; everything else is the same bytes
    const untimed = (s: string) => s.replace(/\d+\.\d\d s/g, 'T');
    assert.equal(untimed(readFileSync(out, 'utf8')), untimed(r.stdout), args[0]);
    const json = runCli([...args, '--json', '-q']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(typeof JSON.parse(json.stdout), 'object', args[0]);
  }
});

test('evaluate without --input scores the bundled sample, as fit and elbow do', () => {
  const r = runCli(['evaluate', '--k', '2', '--json', '-q']);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.input, 'data/sample.csv.gz (bundled sample)');
  assert.equal(o.customers, 1000);
});

test('fit --json without --out says on stderr that the assignments were not written, and "assignments": null', () => {
  // with --out the JSON has no such key: the caller named the file
  const r = runCli(['fit', '--input', tiny, '--k', '2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).assignments, null);
  assert.match(r.stderr, new RegExp(messages.assignmentsNotWritten().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const out = join(dir, 'given.csv');
  const given = runCli(['fit', '--input', tiny, '--k', '2', '--json', '--out', out]);
  assert.equal(JSON.parse(given.stdout).assignments, undefined);
  assert.ok(readFileSync(out, 'utf8').startsWith('Cust_Id,cluster\n'));
  assert.doesNotMatch(given.stderr, /not written/);
});

test("a report's command reproduces the run: --format and --columns are in it", () => {
  const long = join(dir, 'long.csv');
  writeFileSync(long, 'who,what,stars\n1,10,4\n1,11,5\n2,10,1\n2,12,2\n3,11,5\n3,12,1\n');
  for (const command of ['fit', 'elbow']) {
    const report = join(dir, `${command}-report.md`);
    const k = command === 'fit' ? '2' : '1..2';
    const args = [
      command,
      '--input',
      long,
      '--format',
      'long',
      '--columns',
      'who,what,stars',
      '--k',
      k,
      '--report',
      report,
      '-q',
    ];
    const r = runCli(command === 'fit' ? [...args, '--out', join(dir, 'long-a.csv')] : args);
    assert.equal(r.code, 0, r.stderr);
    const md = readFileSync(report, 'utf8');
    const reproduce = /```sh\n(netflix-cluster .*)\n```/.exec(md)![1];
    assert.ok(reproduce.includes(`--input ${long} --format long --columns who,what,stars`), reproduce);
  }
});
