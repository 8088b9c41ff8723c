import type { Command } from 'commander';

export function registerFit(program: Command): void {
  program.command('fit').description('cluster customers with k-means');
}
