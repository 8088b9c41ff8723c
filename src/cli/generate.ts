import type { Command } from 'commander';

/** `netflix-cluster generate`: synthetic data in the df_p format (see src/generate). */
export function registerGenerate(program: Command): void {
  program.command('generate').description('write a synthetic Netflix-like ratings pivot (df_p format)');
}
