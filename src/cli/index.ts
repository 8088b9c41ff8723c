import { Command, CommanderError } from 'commander';
import { removePendingTemps, removePendingTempsSync } from '../io/atomic-write.js';
import { flushStdout } from '../io/stdout.js';
import { ExitCode, UserError } from '../util/errors.js';
import { registerElbow } from './elbow.js';

import { registerConvert } from './convert.js';
import { registerFit } from './fit.js';
import { registerGenerate } from './generate.js';
import { registerPredict } from './predict.js';
import { registerRecommend } from './recommend.js';
import { registerEvaluate } from './evaluate.js';
import { registerHeatmap } from './heatmap.js';
import { registerScatter } from './scatter.js';

import { registerPivot } from './pivot.js';

export function buildProgram(): Command {
  const program = new Command('netflix-cluster')
    .description(
      'Cluster the customers of movie ratings (the Netflix Prize, MovieLens, any user x movie ratings) with sparse k-means, draw per-cluster heatmaps and recommend movies',
    )
    .version('0.1.0')
    .option('--debug', 'print stack traces of unexpected errors')
    .showHelpAfterError(false)
    .configureOutput({
      // commander's own errors (unknown flag, bad value) become the same one-line form as ours
      // (our option parsers' messages already name the flag and quote the value, so commander's preamble goes)
      outputError: (str, write) =>
        write(
          `netflix-cluster: ${str.replace(/^error: /, '').replace(/^option '.*?' argument '.*' is invalid\. /s, '')}`,
        ),
    })
    .exitOverride();
  registerFit(program);
  registerElbow(program);
  registerGenerate(program);
  registerPredict(program);
  registerRecommend(program);
  registerEvaluate(program);
  registerHeatmap(program);
  registerScatter(program);

  registerPivot(program);

  registerConvert(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

// one listener however many runs share the process (the batched bad-input corpus runs many)
const ignoreStderrError = (): void => undefined;

/** Runs the CLI; the only place that decides the process's exit code. */
export async function run(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const onSignal = (signal: NodeJS.Signals) => {
    // synchronous to the end: an await here would let the command run on and replace the previous output
    removePendingTempsSync();
    process.exit(signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // `fit 2>&1 | head`: a closed stderr has nowhere to report to, and the data may still be going to --out
  if (!process.stderr.listeners('error').includes(ignoreStderrError)) process.stderr.on('error', ignoreStderrError);
  try {
    await buildProgram().parseAsync(argv);
    // the data on stdout has left the process, or its failure (disk full) is exit 74; a closed pipe is not
    await flushStdout();
  } catch (err) {
    await removePendingTemps();
    process.exitCode = report(err, debug);
  } finally {
    // a process that runs many commands (the in-process test batches) must not pile up handlers
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function report(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    // commander has already printed its one-line message
    return ExitCode.usage;
  }
  if (err instanceof UserError) {
    process.stderr.write(`netflix-cluster: ${err.message}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`netflix-cluster: internal error: ${e?.message ?? String(err)}\n`);
  if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
  return ExitCode.internal;
}
